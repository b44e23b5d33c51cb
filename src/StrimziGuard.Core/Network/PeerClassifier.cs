using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Network;

/// <summary>
/// Sorts ingress peers into the operator and everything else. The operator peer is a pod selector requiring the operator's pod labels
/// (<c>strimzi.io/kind: cluster-operator</c>) in the operator's namespace; Strimzi writes it three ways (strimzi-facts §6): no
/// namespaceSelector (same namespace), the configured namespace labels, or <c>{}</c> (any namespace, the weak default).
/// </summary>
internal static class PeerClassifier
{
    public static PeerClassification Everyone { get; } =
        new(PeerShape.Everyone, PeerTrust.NotOperator, OperatorNamespacePin.NotOperatorLabels, "every source");

    /// <param name="operatorNamespaceLabels">The operator namespace's labels, from <see cref="OperatorNamespaceLabels"/>.</param>
    public static PeerClassification Classify(V1NetworkPolicyPeer peer, string policyNamespace, OperatorIdentity op, IReadOnlyDictionary<string, string> operatorNamespaceLabels)
    {
        const OperatorNamespacePin none = OperatorNamespacePin.NotOperatorLabels;
        if (peer.IpBlock is { } block)
        {
            var except = block.Except is { Count: > 0 } e ? $" except {string.Join(",", e)}" : "";
            return new(PeerShape.IpBlock, PeerTrust.NotOperator, none, $"ipBlock {block.Cidr}{except}");
        }
        if (peer.PodSelector is null && peer.NamespaceSelector is null) return new(PeerShape.Empty, PeerTrust.NotOperator, none, "an empty peer");
        if (peer.PodSelector is null)
        {
            var where = SelectorFacts.IsEmpty(peer.NamespaceSelector) ? "every pod in every namespace" : "every pod in those namespaces";
            return new(PeerShape.NamespaceOnly, PeerTrust.NotOperator, none, $"namespaceSelector {SelectorFacts.Format(peer.NamespaceSelector)} ({where})");
        }

        var shape = peer.NamespaceSelector is null ? PeerShape.PodInPolicyNamespace : PeerShape.PodInSelectedNamespaces;
        if (!SelectorFacts.RequiresAll(peer.PodSelector, op.PodLabels)) return new(shape, PeerTrust.NotOperator, none, null) { PodPeer = peer };

        var pin = Pin(peer.NamespaceSelector, policyNamespace, op, operatorNamespaceLabels);
        var trust = pin switch
        {
            OperatorNamespacePin.SameNamespace or OperatorNamespacePin.ByName or OperatorNamespacePin.ByConfiguredLabels => PeerTrust.Operator,
            OperatorNamespacePin.AnyNamespace or OperatorNamespacePin.Loose => PeerTrust.OperatorLabelsUnpinned,
            _ => PeerTrust.NotOperator,
        };
        return new(shape, trust, pin, null) { PodPeer = peer, NotTheOperatorNamespace = pin == OperatorNamespacePin.Elsewhere ? op.Namespace : null };
    }

    /// <summary>A pod peer in a message: its selectors, and when it has the operator's labels elsewhere, that it is not the operator's namespace.</summary>
    public static string DescribePodPeer(V1NetworkPolicyPeer peer, string? notTheOperatorNamespace)
    {
        var namespaces = peer.NamespaceSelector is null ? "" : " with namespaceSelector " + SelectorFacts.Format(peer.NamespaceSelector);
        var elsewhere = notTheOperatorNamespace is null ? "" : $" (not the operator's namespace {notTheOperatorNamespace})";
        return $"podSelector {SelectorFacts.Format(peer.PodSelector)}{namespaces}{elsewhere}";
    }

    /// <summary>How a namespaceSelector next to the operator's pod labels relates to the operator's namespace.</summary>
    public static OperatorNamespacePin Pin(V1LabelSelector? namespaceSelector, string policyNamespace, OperatorIdentity op, IReadOnlyDictionary<string, string> operatorNamespaceLabels)
    {
        if (namespaceSelector is null) return policyNamespace == op.Namespace ? OperatorNamespacePin.SameNamespace : OperatorNamespacePin.Elsewhere;
        if (SelectorFacts.PinnedName(namespaceSelector) is { } name)
            return name == op.Namespace ? OperatorNamespacePin.ByName : OperatorNamespacePin.Elsewhere;
        if (op.NamespaceLabels is { Count: > 0 } configured && SelectorFacts.RequiresAll(namespaceSelector, configured))
            return OperatorNamespacePin.ByConfiguredLabels;
        if (SelectorFacts.IsEmpty(namespaceSelector)) return OperatorNamespacePin.AnyNamespace;
        return namespaceSelector.Matches(operatorNamespaceLabels) ? OperatorNamespacePin.Loose : OperatorNamespacePin.Elsewhere;
    }

    /// <summary>
    /// The operator namespace's labels: from the snapshot when it holds the Namespace, else the configured ones; always with
    /// <c>kubernetes.io/metadata.name</c>, which the API server sets on every namespace.
    /// </summary>
    /// <remarks>Made once per snapshot and operator identity (every NetworkPolicy review reads it); callers must not change it.</remarks>
    public static IReadOnlyDictionary<string, string> OperatorNamespaceLabels(ClusterSnapshot snapshot, OperatorIdentity op) =>
        snapshot.Derived((typeof(PeerClassifier), op), op, static (s, op) =>
        {
            var known = s.Namespaces.Get(null, op.Namespace)?.Metadata.Labels ?? op.NamespaceLabels ?? new Dictionary<string, string>();
            return (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(known) { [TrafficSource.NamespaceNameLabel] = op.Namespace };
        });
}
