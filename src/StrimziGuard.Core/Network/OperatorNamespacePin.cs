namespace StrimziGuard.Core.Network;

/// <summary>How a peer that requires the operator's pod labels ties them to the operator's namespace (strimzi-facts §6, the operator peer).</summary>
internal enum OperatorNamespacePin
{
    /// <summary>The peer does not require the operator's pod labels, so the question does not arise.</summary>
    NotOperatorLabels,

    /// <summary>No namespaceSelector, and the policy lives in the operator's namespace.</summary>
    SameNamespace,

    /// <summary><c>kubernetes.io/metadata.name: &lt;operator namespace&gt;</c>, a label only the API server sets.</summary>
    ByName,

    /// <summary>Every label configured as the operator namespace's labels (Strimzi's <c>STRIMZI_OPERATOR_NAMESPACE_LABELS</c>).</summary>
    ByConfiguredLabels,

    /// <summary><c>namespaceSelector: {}</c>: any namespace, Strimzi's default when the operator runs elsewhere without namespace labels.</summary>
    AnyNamespace,

    /// <summary>A selector that matches the operator's namespace but does not pin it, so other namespaces can match too.</summary>
    Loose,

    /// <summary>A namespace that is not the operator's (including the policy's own, when the operator runs elsewhere).</summary>
    Elsewhere,
}
