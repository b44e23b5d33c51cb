using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class UserInfo
{
    public string? Username { get; set; }

    public string? Uid { get; set; }

    public List<string>? Groups { get; set; }

    public Dictionary<string, List<string>>? Extra { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
