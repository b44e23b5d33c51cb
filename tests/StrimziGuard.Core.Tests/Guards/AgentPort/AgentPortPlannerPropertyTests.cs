using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using Xunit.Sdk;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

/// <summary>
/// The guard policy's promise, checked over random worlds with Kubernetes' own semantics (NetworkPolicyEvaluator): every port but TCP 8443
/// admits exactly what it admitted before; TCP 8443 admits the operator; on Kafka pods no other policy isolated, 8443 admits nobody else;
/// on pods another policy isolated, 8443 admits what it did before plus the operator. Pods that are not Kafka nodes are not touched at all.
/// </summary>
public sealed class AgentPortPlannerPropertyTests
{
    private const int Cases = 400;
    private static readonly (int Port, string Protocol)[] TcpUdpProbes =
        [(8443, "TCP"), (8442, "TCP"), (8444, "TCP"), (1, "TCP"), (65535, "TCP"), (9090, "TCP"), (9091, "TCP"), (9092, "TCP"), (8443, "UDP"), (53, "UDP")];

    [Fact]
    public void The_guard_policy_locks_8443_to_the_operator_and_changes_nothing_else()
    {
        var rng = new Random(20250610);
        for (var i = 0; i < Cases; i++)
        {
            var world = new AgentPortRandomWorld(rng);
            var options = world.Options();
            var pods = world.KafkaPods();
            var before = world.Policies();
            var snapshot = ClusterSnapshot.From([Kafka(), .. pods, .. before]);
            var plan = AgentPortPlanner.Plan(Ns, Cluster, snapshot, options);
            var applied = AgentPortServer.Apply(snapshot, plan);
            Check(i, "first plan", before, applied, pods, options.AgentPort.Sctp);
            Again(i, applied, options);

            // The world changes under the guard: another policy comes or goes, and the guard re-plans from what it applied.
            var changed = rng.Next(2) == 0 && before.Count > 0
                ? AgentPortServer.Without(applied, before[rng.Next(before.Count)])
                : applied.With([world.RandomPolicy("late", "kafka")]);
            var others = changed.NetworkPolicies.All.Where(p => !p.Name.Contains("agent-guard")).ToList();
            var replanned = AgentPortServer.Apply(changed, AgentPortPlanner.Plan(Ns, Cluster, changed, options));
            Check(i, "after a change", others, replanned, pods, options.AgentPort.Sctp);
            Again(i, replanned, options);
        }
    }

    private static void Again(int i, ClusterSnapshot applied, GuardOptions options)
    {
        var again = AgentPortPlanner.Plan(Ns, Cluster, applied, options);
        if (!again.InSync) throw new XunitException($"case {i}: a second plan is not a no-op: {string.Join("; ", again.Writes)}");
    }

    private static void Check(int i, string stage, IReadOnlyList<V1NetworkPolicy> before, ClusterSnapshot applied, IReadOnlyList<V1Pod> pods, bool sctp)
    {
        var after = applied.NetworkPolicies.All;
        IEnumerable<PodEndpoint> kafkaPods = pods.Count > 0
            ? pods.Select(PodEndpoint.From)
            : [new PodEndpoint(Ns, KafkaAgent.PodLabels(Cluster), KafkaAgent.CanonicalPorts)];
        (int, string)[] probes = sctp ? [.. TcpUdpProbes, (8443, "SCTP"), (9092, "SCTP")] : TcpUdpProbes;
        var sources = AgentPortRandomWorld.Sources(pods);
        foreach (var pod in kafkaPods.Concat(AgentPortRandomWorld.Bystanders()))
        {
            var isKafka = KafkaAgent.ClusterOf(pod.Labels) == Cluster;
            var wasIsolated = before.Any(p => IngressSelection.Selects(p, pod));
            foreach (var source in sources)
            {
                foreach (var (port, protocol) in probes)
                {
                    var was = NetworkPolicyEvaluator.Admits(before, source, pod, port, protocol);
                    var now = NetworkPolicyEvaluator.Admits(after, source, pod, port, protocol);
                    var expected = !isKafka || port != KafkaAgent.Port || protocol != "TCP" ? was
                        : IsOperator(source) || (wasIsolated && was);
                    if (now != expected)
                    {
                        throw new XunitException(
                            $"case {i} ({stage}): {source} -> {string.Join(",", pod.Labels.Select(l => $"{l.Key}={l.Value}"))} {port}/{protocol}: "
                            + $"admitted before {was}, after {now}, expected {expected}; isolated before: {wasIsolated}\npolicies after:\n"
                            + string.Join("\n", after.Select(p => KubeJson.ToNode(p).ToJsonString())));
                    }
                }
            }
        }
    }

    private static bool IsOperator(TrafficSource source) =>
        source.Namespace == "strimzi" && AgentPortRandomWorld.OperatorLabels.All(l => source.PodLabels.TryGetValue(l.Key, out var v) && v == l.Value);
}
