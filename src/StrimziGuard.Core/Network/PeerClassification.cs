namespace StrimziGuard.Core.Network;

/// <summary>What a peer is, whether it is the operator, and how to name it in a message (e.g. <c>ipBlock 0.0.0.0/0</c>).</summary>
internal sealed record PeerClassification(PeerShape Shape, PeerTrust Trust, OperatorNamespacePin Pin, string Description);
