using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1NetworkPolicySpec
{
    public V1LabelSelector? PodSelector { get; set; }

    /// <summary>Unset means the API server's default: <c>Ingress</c>, plus <c>Egress</c> when egress rules are present.</summary>
    public List<string>? PolicyTypes { get; set; }

    /// <summary>
    /// A JSON null element reads as an empty rule, as the API server decodes it (Go unmarshals null into a zero struct): an empty rule
    /// allows every source on every port, so dropping it would hide an opening (found by the fuzzer: it was a NullReferenceException).
    /// </summary>
    public List<V1NetworkPolicyIngressRule>? Ingress { get; set => field = ZeroValues.ForNullElements(value); }

    public JsonArray? Egress { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
