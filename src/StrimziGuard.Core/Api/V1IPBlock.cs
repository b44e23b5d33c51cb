using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1IPBlock
{
    public string? Cidr { get; set; }

    public List<string>? Except { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
