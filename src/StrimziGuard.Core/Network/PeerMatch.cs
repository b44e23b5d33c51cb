using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>Whether an ingress rule's <c>from</c> admits a source, with the API's null-versus-empty rules spelled out.</summary>
internal static class PeerMatch
{
    /// <summary>No <c>from</c>, or an empty one, admits every source (pods anywhere and any address).</summary>
    public static bool Admits(V1NetworkPolicyIngressRule rule, string policyNamespace, TrafficSource source) =>
        rule.From is not { Count: > 0 } peers || peers.Any(p => Admits(p, policyNamespace, source));

    public static bool Admits(V1NetworkPolicyPeer peer, string policyNamespace, TrafficSource source)
    {
        if (peer.IpBlock is { } block) return source.Address is { } address && IpBlocks.Contains(block, address);
        // A peer with no selector at all is rejected by the API server ("must specify a peer"); it admits nothing.
        if (peer.PodSelector is null && peer.NamespaceSelector is null) return false;
        if (!source.IsPod) return false;
        // Unlike podSelector, an absent namespaceSelector does not mean "all": it means the policy's own namespace. {} means every namespace.
        var namespaceMatches = peer.NamespaceSelector is null
            ? source.Namespace == policyNamespace
            : peer.NamespaceSelector.Matches(source.NamespaceLabels);
        return namespaceMatches && peer.PodSelector.Matches(source.PodLabels);
    }
}
