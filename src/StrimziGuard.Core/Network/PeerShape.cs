namespace StrimziGuard.Core.Network;

/// <summary>The forms an ingress peer takes (a rule without <c>from</c> is described by <see cref="Everyone"/>).</summary>
internal enum PeerShape
{
    /// <summary>No <c>from</c>, or an empty one: every source.</summary>
    Everyone,

    /// <summary>An address range; it may or may not cover pod addresses, depending on the network plugin.</summary>
    IpBlock,

    /// <summary>Only a <c>namespaceSelector</c>: every pod in the selected namespaces.</summary>
    NamespaceOnly,

    /// <summary>Only a <c>podSelector</c>: matching pods in the policy's own namespace.</summary>
    PodInPolicyNamespace,

    /// <summary>Both selectors: matching pods in the selected namespaces.</summary>
    PodInSelectedNamespaces,

    /// <summary>No selector and no ipBlock; the API server rejects it.</summary>
    Empty,
}
