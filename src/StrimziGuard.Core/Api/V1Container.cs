using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1Container
{
    public string? Name { get; set; }

    public List<V1ContainerPort>? Ports { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
