namespace StrimziGuard.Core.Network;

/// <summary>Whether a peer stands for the cluster operator alone.</summary>
internal enum PeerTrust
{
    /// <summary>The operator's pod labels in the operator's namespace, pinned.</summary>
    Operator,

    /// <summary>The operator's pod labels, but in namespaces that are not only the operator's: a pod anyone labels so there gets in.</summary>
    OperatorLabelsUnpinned,

    /// <summary>Anything else.</summary>
    NotOperator,
}
