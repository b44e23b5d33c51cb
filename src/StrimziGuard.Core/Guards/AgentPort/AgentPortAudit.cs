using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// Existing state, judged as if every NetworkPolicy were created now: for the controller to log and count at start-up and on resync.
/// Nothing is changed; a policy written before the guard is reported, not removed.
/// </summary>
public static class AgentPortAudit
{
    /// <summary>Every NetworkPolicy with a violation or an unpinned operator peer, ordered by namespace and name. Namespaces not watched are skipped.</summary>
    public static IReadOnlyList<AgentPortFinding> Find(ClusterSnapshot snapshot, GuardOptions options)
    {
        var operatorNamespaceLabels = PeerClassifier.OperatorNamespaceLabels(snapshot, options.Operator);
        var findings = new List<AgentPortFinding>();
        foreach (var group in snapshot.NetworkPolicies.All.GroupBy(p => p.Namespace ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!options.Watches(group.Key)) continue;
            var targets = KafkaAgentTarget.In(group.Key, snapshot);
            var kafkas = options.NamesWatchedNamespace(group.Key);
            if (targets.Count == 0 && !kafkas) continue;
            foreach (var policy in group.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                // As admission judges it: in a namespace named in watchNamespaces, also against the Kafka pods to come.
                var judged = kafkas && KafkaAgentTarget.Expected(group.Key, policy, targets) is { } expected ? [.. targets, expected] : targets;
                var result = AgentPortCheck.Check(policy, judged, options, operatorNamespaceLabels, AgentPortCheck.WithoutClientCertificates(group.Key, snapshot));
                if (result.Violations.Count + result.Weak.Count > 0)
                    findings.Add(new AgentPortFinding(group.Key, policy.Name, result.Clusters, result.Violations, result.Weak));
            }
        }
        return findings;
    }
}
