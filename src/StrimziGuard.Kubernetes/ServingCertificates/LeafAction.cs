namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>What a rotation pass does with the serving Secret.</summary>
internal enum LeafAction
{
    /// <summary>The leaf and the Secret's <c>ca.crt</c> are as planned.</summary>
    Keep,

    /// <summary>Issue a new leaf from the current CA and write it with the planned bundle.</summary>
    Issue,

    /// <summary>The leaf stays; only the Secret's <c>ca.crt</c> is rewritten to the planned bundle.</summary>
    RewriteBundle,

    /// <summary>
    /// A leaf from a new CA is due, but caBundles were patched in this pass: every API server instance must see them first (each watches
    /// the configurations on its own), so the old leaf, still valid and trusted, is served one more propagation period.
    /// </summary>
    WaitForBundle,
}
