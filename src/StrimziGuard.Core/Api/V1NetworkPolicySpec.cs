using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1NetworkPolicySpec
{
    public V1LabelSelector? PodSelector { get; set; }

    /// <summary>Unset means the API server's default: <c>Ingress</c>, plus <c>Egress</c> when egress rules are present.</summary>
    public List<string>? PolicyTypes { get; set; }

    public List<V1NetworkPolicyIngressRule>? Ingress { get; set; }

    public JsonArray? Egress { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
