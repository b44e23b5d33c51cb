using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

/// <summary>
/// The per-snapshot index of a namespace's Kafka Agent targets (<see cref="KafkaAgentTargets"/>) must select exactly what a plain scan of
/// every target selects, in the same order, the first time and when the selection is remembered; and the NetworkPolicy check built on it
/// must judge exactly as the check over the plain scan does. Random snapshots, random selectors.
/// </summary>
public sealed class KafkaAgentTargetsTests
{
    private static readonly string[] Clusters = ["a", "b", "c"];
    private static readonly string[] Keys = ["strimzi.io/cluster", "strimzi.io/kind", "strimzi.io/name", "strimzi.io/pool-name", "zone", "app"];
    private static readonly string[] Values = ["a", "b", "c", "Kafka", "a-kafka", "b-kafka", "broker", "controller", "x", "web"];
    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    [Fact]
    public void On_random_snapshots_the_index_selects_exactly_what_a_scan_of_every_target_selects()
    {
        var rng = new Random(17);
        var selected = 0;
        for (var world = 0; world < 200; world++)
        {
            var snapshot = RandomSnapshot(rng);
            var targets = KafkaAgentTarget.In("kafka", snapshot);
            var index = KafkaAgentTargets.In("kafka", snapshot);
            for (var p = 0; p < 20; p++)
            {
                var policy = RandomPolicy(rng);
                var scan = targets.Where(t => IngressSelection.Selects(policy, t.Pod)).ToArray();
                Assert.Equal(scan, index.SelectedBy(policy));
                Assert.Equal(scan, index.SelectedBy(policy));
                selected += scan.Length;
            }
        }
        Assert.True(selected > 1000, $"the random selectors selected {selected} targets in all: too few to say much");
    }

    [Fact]
    public void On_random_snapshots_the_check_on_the_index_judges_as_the_check_on_a_scan()
    {
        var rng = new Random(23);
        foreach (var options in new[] { GuardOptions.Default, GuardOptions.Default with { WatchNamespaces = ["kafka"] } })
        {
            for (var world = 0; world < 100; world++)
            {
                var snapshot = RandomSnapshot(rng);
                for (var p = 0; p < 10; p++)
                {
                    var policy = RandomPolicy(rng);
                    var targets = KafkaAgentTarget.In("kafka", snapshot);
                    var judged = options.NamesWatchedNamespace("kafka") && KafkaAgentTarget.Expected("kafka", policy, targets) is { } expected ? [.. targets, expected] : targets;
                    var plain = AgentPortCheck.Check(policy, judged, options, PeerClassifier.OperatorNamespaceLabels(snapshot, options.Operator),
                        AgentPortCheck.WithoutClientCertificates("kafka", snapshot));
                    Assert.Equal(Describe(plain), Describe(AgentPortCheck.Check(policy, snapshot, options)));
                }
            }
        }
    }

    private static string Describe(AgentPortCheckResult r) =>
        $"{r.Summary}|{string.Join(",", r.Clusters)}|{string.Join(";", r.Violations.Select(v => v.ToString()))}|{string.Join(";", r.Notes)}";

    private static ClusterSnapshot RandomSnapshot(Random rng)
    {
        var objects = new List<KubernetesObject>();
        for (var i = 0; i < rng.Next(0, 30); i++)
        {
            var cluster = Clusters[rng.Next(Clusters.Length)];
            var pod = KafkaPod($"{cluster}-pod-{i}", rng.Next(2) == 0 ? "broker" : "controller", cluster);
            if (rng.Next(3) == 0) pod.Metadata.Labels!["zone"] = Values[rng.Next(Values.Length)];
            if (rng.Next(5) == 0) pod.Metadata.Labels!.Remove("strimzi.io/kind");
            objects.Add(pod);
        }
        foreach (var cluster in Clusters.Where(_ => rng.Next(2) == 0))
        {
            var kafka = Kafka();
            kafka.Metadata.Name = cluster;
            objects.Add(kafka);
        }
        return ClusterSnapshot.From(objects);
    }

    private static V1NetworkPolicy RandomPolicy(Random rng)
    {
        var policy = Policy("random", "ingress: [{ports: [{port: 8443}]}]");
        policy.Spec!.PolicyTypes = rng.Next(6) switch { 0 => ["Egress"], 1 => ["Ingress", "Egress"], _ => null };
        policy.Spec.PodSelector = rng.Next(8) == 0 ? null : new V1LabelSelector
        {
            MatchLabels = rng.Next(4) == 0 ? null : Enumerable.Range(0, rng.Next(0, 3)).Select(_ => Keys[rng.Next(Keys.Length)]).Distinct()
                .ToDictionary(k => k, k => k == "strimzi.io/kind" && rng.Next(2) == 0 ? "Kafka" : Values[rng.Next(Values.Length)]),
            MatchExpressions = rng.Next(2) == 0 ? null : [.. Enumerable.Range(0, rng.Next(1, 3)).Select(_ => new V1LabelSelectorRequirement
            {
                Key = Keys[rng.Next(Keys.Length)],
                Operator = Operators[rng.Next(Operators.Length)],
                Values = [.. Enumerable.Range(0, rng.Next(0, 3)).Select(_ => Values[rng.Next(Values.Length)])],
            })],
        };
        return policy;
    }
}
