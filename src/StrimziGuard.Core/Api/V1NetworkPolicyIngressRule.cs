using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1NetworkPolicyIngressRule
{
    /// <summary>Unset or empty: every source.</summary>
    public List<V1NetworkPolicyPeer>? From { get; set; }

    /// <summary>Unset or empty: every port.</summary>
    public List<V1NetworkPolicyPort>? Ports { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
