using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// Judges one NetworkPolicy against the Kafka Agent port: if it selects Kafka node pods for ingress, every rule that admits TCP 8443 there
/// (no ports, 8443, a range covering it, or the named port <c>tcp-kafkaagent</c>) may only name the operator peer (strimzi-facts §6).
/// An operator peer open to any namespace is a warning while the agent requires client certificates, and a violation on a cluster whose
/// agent does not (<see cref="InternalClusterSecurity"/>).
/// </summary>
internal static class AgentPortCheck
{
    private const string Fix = "remove 8443 from this rule or restrict the peer to the operator";

    /// <summary>
    /// Judges <paramref name="policy"/> against the Kafka pods in its namespace; in a namespace named in <c>watchNamespaces</c> also against
    /// the pod of a Kafka cluster still to come (<see cref="KafkaAgentTarget.Expected"/>).
    /// </summary>
    public static AgentPortCheckResult Check(V1NetworkPolicy policy, ClusterSnapshot snapshot, GuardOptions options)
    {
        var ns = policy.Namespace ?? "";
        if (!IngressSelection.CoversIngress(policy)) return AgentPortCheckResult.Clean("does not govern ingress");
        // The namespace's targets are indexed once per snapshot: the pods this policy's selector can match, not every pod (KafkaAgentTargets).
        var targets = KafkaAgentTargets.In(ns, snapshot);
        var selected = targets.SelectedBy(policy);
        if (options.NamesWatchedNamespace(ns) && KafkaAgentTarget.Expected(ns, policy, targets.All) is { } expected && IngressSelection.Selects(policy, expected.Pod))
            selected = [.. selected, expected];
        return Judge(policy, selected, options, PeerClassifier.OperatorNamespaceLabels(snapshot, options.Operator), targets.WithoutClientCertificates);
    }

    /// <summary>The Kafka clusters in the namespace whose agent accepts clients without a certificate.</summary>
    internal static IReadOnlySet<string> WithoutClientCertificates(string ns, ClusterSnapshot snapshot) =>
        snapshot.Kafkas.InNamespace(ns).Where(InternalClusterSecurity.AgentWithoutClientCertificates).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

    internal static AgentPortCheckResult Check(
        V1NetworkPolicy policy, IReadOnlyList<KafkaAgentTarget> targets, GuardOptions options, IReadOnlyDictionary<string, string> operatorNamespaceLabels,
        IReadOnlySet<string> withoutClientCertificates)
    {
        if (!IngressSelection.CoversIngress(policy)) return AgentPortCheckResult.Clean("does not govern ingress");
        return Judge(policy, targets.Where(t => IngressSelection.Selects(policy, t.Pod)).ToArray(), options, operatorNamespaceLabels, withoutClientCertificates);
    }

    /// <summary>Judges the rules of a policy that governs ingress against the targets it selects.</summary>
    private static AgentPortCheckResult Judge(
        V1NetworkPolicy policy, KafkaAgentTarget[] selected, GuardOptions options, IReadOnlyDictionary<string, string> operatorNamespaceLabels,
        IReadOnlySet<string> withoutClientCertificates)
    {
        if (selected.Length == 0) return AgentPortCheckResult.Clean("selects no Kafka pods");

        var ns = policy.Namespace ?? "";
        // Made when first needed, as are the paths and the "on pods of" words: most rules of a policy the check reads are the
        // operator's own and say nothing.
        List<Violation>? violations = null, weak = null;
        List<string>? notes = null;
        var rules = policy.Spec?.Ingress ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var reached = ClustersReached(rule, selected);
            if (reached.Count == 0) continue;
            if (rule.From is not { Count: > 0 } peers)
            {
                (violations ??= []).Add(Reach(FieldPath.Of($"spec.ingress[{i}].from"), PeerClassifier.Everyone.Description, OnPodsOf(reached)));
                continue;
            }
            for (var j = 0; j < peers.Count; j++)
            {
                var peer = PeerClassifier.Classify(peers[j], ns, options.Operator, operatorNamespaceLabels);
                switch (peer.Trust)
                {
                    case PeerTrust.NotOperator when peer.Shape != PeerShape.Empty:
                        (violations ??= []).Add(Reach(Peer(i, j), peer.Description, OnPodsOf(reached)));
                        break;
                    case PeerTrust.OperatorLabelsUnpinned when peer.Pin == OperatorNamespacePin.AnyNamespace
                        && reached.Where(withoutClientCertificates.Contains).Distinct().Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } open:
                        var gate = Peer(i, j);
                        (violations ??= []).Add(UnpinnedWithoutClientCertificates(gate, peer, OnPodsOf(open), options.Operator.Namespace));
                        (notes ??= []).Add($"{gate}: agent lacks mTLS, any namespace admitted; set STRIMZI_OPERATOR_NAMESPACE_LABELS");
                        break;
                    case PeerTrust.OperatorLabelsUnpinned:
                        var path = Peer(i, j);
                        (weak ??= []).Add(Unpinned(path, peer, OnPodsOf(reached), options.Operator.Namespace));
                        (notes ??= []).Add(peer.Pin == OperatorNamespacePin.AnyNamespace
                            ? $"{path}: operator peer admits any namespace; set STRIMZI_OPERATOR_NAMESPACE_LABELS"
                            : $"{path}: operator peer's namespace is not pinned; use kubernetes.io/metadata.name");
                        break;
                }
            }
        }
        var clusters = ClustersReached(null, selected);
        var summary = violations is not null ? $"port 8443 open beyond the operator on {OnPodsOf(clusters)}"
            : weak is not null ? $"port 8443 open to operator-labelled pods in other namespaces on {OnPodsOf(clusters)}"
            : $"port 8443 limited to the operator on {OnPodsOf(clusters)}";
        return new AgentPortCheckResult(clusters, violations ?? [], weak ?? [], notes ?? [], summary);
    }

    private static FieldPath Peer(int rule, int peer) => FieldPath.Of($"spec.ingress[{rule}].from[{peer}]");

    private static Violation Reach(FieldPath path, string who, string on) =>
        new(GuardIds.AgentPort, path, $"{who} can reach port 8443 (Kafka Agent) on {on}; only the cluster operator may", Fix);

    private static Violation Unpinned(FieldPath path, PeerClassification peer, string on, string operatorNamespace) =>
        new(GuardIds.AgentPort, path,
            $"{peer.Description} lets any pod labelled as the cluster operator reach port 8443 (Kafka Agent) on {on} from "
            + (peer.Pin == OperatorNamespacePin.AnyNamespace ? "any namespace" : "namespaces other than the operator's"),
            peer.Pin == OperatorNamespacePin.AnyNamespace
                ? $"set STRIMZI_OPERATOR_NAMESPACE_LABELS on the cluster operator (e.g. kubernetes.io/metadata.name={operatorNamespace}) so Strimzi pins its namespace"
                : $"select the operator's namespace by kubernetes.io/metadata.name: {operatorNamespace}");

    private static Violation UnpinnedWithoutClientCertificates(FieldPath path, PeerClassification peer, string on, string operatorNamespace) =>
        new(GuardIds.AgentPort, path,
            $"{peer.Description} lets any pod labelled as the cluster operator reach port 8443 (Kafka Agent) on {on} from any namespace, and that "
            + $"agent does not require client certificates ({InternalClusterSecurity.Annotation} without authentication), so this NetworkPolicy is its only gate",
            $"set STRIMZI_OPERATOR_NAMESPACE_LABELS on the cluster operator (e.g. kubernetes.io/metadata.name={operatorNamespace}) so Strimzi pins its "
            + $"namespace, or select the operator's namespace by kubernetes.io/metadata.name: {operatorNamespace}");

    /// <summary>
    /// The clusters, distinct and in ordinal order, of the selected targets whose agent port <paramref name="rule"/> admits (every
    /// selected target's when null). Plain loops: this runs per rule of every NetworkPolicy review, over a namespace's few clusters.
    /// </summary>
    private static IReadOnlyList<string> ClustersReached(V1NetworkPolicyIngressRule? rule, KafkaAgentTarget[] selected)
    {
        List<string>? clusters = null; // made for the first cluster reached: most rules of a policy do not admit 8443
        foreach (var target in selected)
        {
            if (clusters is not null && clusters.Contains(target.Cluster)) continue;
            if (rule is null || PortMatch.Admits(rule, KafkaAgent.Port, PortMatch.Tcp, target.Pod.Ports)) (clusters ??= new(1)).Add(target.Cluster);
        }
        if (clusters is null) return [];
        if (clusters.Count > 1) clusters.Sort(StringComparer.Ordinal);
        return clusters;
    }

    /// <param name="clusters">Distinct, in ordinal order.</param>
    private static string OnPodsOf(IReadOnlyList<string> clusters) =>
        clusters is [KafkaAgentTarget.AnyCluster] ? "the Kafka pods of any cluster created in this namespace"
        : clusters.Count == 1 ? $"pods of Kafka cluster {clusters[0]}"
        : $"pods of Kafka clusters {string.Join(", ", clusters)}";
}
