using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1NetworkPolicyPeer
{
    public V1LabelSelector? PodSelector { get; set; }

    public V1LabelSelector? NamespaceSelector { get; set; }

    public V1IPBlock? IpBlock { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
