using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class StrimziPodSetSpec
{
    public JsonElement? Selector { get; set; }

    public List<V1Pod>? Pods { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
