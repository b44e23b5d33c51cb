using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1NetworkPolicyIngressRule
{
    /// <summary>Unset or empty: every source.</summary>
    /// <remarks>A JSON null element reads as an empty peer, as the API server decodes it (see <see cref="V1NetworkPolicySpec.Ingress"/>).</remarks>
    public List<V1NetworkPolicyPeer>? From { get; set => field = ZeroValues.ForNullElements(value); }

    /// <summary>Unset or empty: every port.</summary>
    /// <remarks>A JSON null element reads as an empty port (every port, TCP), as the API server decodes it.</remarks>
    public List<V1NetworkPolicyPort>? Ports { get; set => field = ZeroValues.ForNullElements(value); }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
