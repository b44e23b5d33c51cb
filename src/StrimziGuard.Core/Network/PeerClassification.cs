using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>What a peer is, whether it is the operator, and how to name it in a message (e.g. <c>ipBlock 0.0.0.0/0</c>).</summary>
/// <param name="Named">The peer's name in a message, when it is made at once; a pod peer's is made from <see cref="PodPeer"/> when asked for.</param>
internal sealed record PeerClassification(PeerShape Shape, PeerTrust Trust, OperatorNamespacePin Pin, string? Named)
{
    /// <summary>A pod peer, named only when a message needs it: most pod peers judged are the operator's own, and never named.</summary>
    public V1NetworkPolicyPeer? PodPeer { get; init; }

    /// <summary>The operator's namespace, for a pod peer with the operator's labels that selects other namespaces.</summary>
    public string? NotTheOperatorNamespace { get; init; }

    public string Description => Named ?? PeerClassifier.DescribePodPeer(PodPeer!, NotTheOperatorNamespace);
}
