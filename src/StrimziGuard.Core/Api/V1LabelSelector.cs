using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; set; }

    public List<V1LabelSelectorRequirement>? MatchExpressions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
