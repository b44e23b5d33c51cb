using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// Plans the guard NetworkPolicies of one Kafka cluster (architecture §1, guard 3). NetworkPolicies only add, and the first one to select a
/// pod for ingress cuts everything no policy allows (strimzi-facts §6), so what the guard writes depends on which Kafka pods other
/// policies already isolate:
/// <list type="bullet">
/// <item>none: <c>&lt;cluster&gt;-kafka-agent-guard</c> allows TCP 8443 from the operator and everything else from anywhere, so it cuts nothing;</item>
/// <item>all: the same policy with the 8443 rule only, so it opens nothing the other policies closed;</item>
/// <item>some: the 8443-only policy, plus <c>&lt;cluster&gt;-kafka-agent-guard-complement</c> with both rules for the pods nobody else isolates,
/// selected by <c>strimzi.io/pod-name</c>.</item>
/// </list>
/// Pure and deterministic: planning again against the applied result plans no writes.
/// </summary>
public static class AgentPortPlanner
{
    public static AgentPortPlan Plan(string ns, string cluster, ClusterSnapshot snapshot, GuardOptions options)
    {
        var kafka = snapshot.Kafkas.Get(ns, cluster);
        var (desired, why) = kafka is null ? ([], "the Kafka cluster is gone")
            : kafka.Metadata.DeletionTimestamp is not null ? ([], "the Kafka cluster is being deleted")
            : options.AgentPort.Mode == GuardMode.Off ? ([], "the agent-port guard is off")
            : Desire(kafka, snapshot, options);

        var writes = new List<AgentPortWrite>();
        // The complement first: it carries the 8443 rule too, so creating it before the primary never cuts the operator, and it must
        // exist before the primary drops its pass-through rule. Deletions last, after the primary has taken over.
        foreach (var want in desired.OrderBy(d => d.Name == AgentPortGuardPolicy.PrimaryName(cluster)))
        {
            var live = snapshot.NetworkPolicies.Get(ns, want.Name);
            if (live is null) writes.Add(new(AgentPortWriteKind.Create, ns, want.Name, want, [], why));
            else if (AgentPortPatch.Diff(want, live) is { Count: > 0 } patch) writes.Add(new(AgentPortWriteKind.Patch, ns, want.Name, want, patch, why));
        }
        foreach (var name in AgentPortGuardPolicy.Names(cluster))
        {
            if (desired.Any(d => d.Name == name)) continue;
            if (snapshot.NetworkPolicies.Get(ns, name) is { } live && live.Metadata.DeletionTimestamp is null)
                writes.Add(new(AgentPortWriteKind.Delete, ns, name, live, [], why));
        }
        return new AgentPortPlan(ns, cluster, desired, writes, why);
    }

    /// <summary>The guard policies the cluster should have now; see the type's remarks.</summary>
    public static IReadOnlyList<V1NetworkPolicy> Desired(Kafka kafka, ClusterSnapshot snapshot, GuardOptions options) =>
        Desire(kafka, snapshot, options).Policies;

    /// <summary>Every cluster the controller should plan for: each Kafka CR, and each guard policy whose cluster may be gone.</summary>
    public static IReadOnlyList<(string Namespace, string Cluster)> Clusters(ClusterSnapshot snapshot)
    {
        var keys = snapshot.Kafkas.All.Select(k => (k.Namespace ?? "", k.Name)).ToHashSet();
        foreach (var policy in snapshot.NetworkPolicies.All)
        {
            if (policy.Metadata.Label(AgentPortGuardPolicy.InstanceLabel) is { } cluster
                && AgentPortGuardPolicy.Names(cluster).Contains(policy.Name)) keys.Add((policy.Namespace ?? "", cluster));
        }
        return keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ToArray();
    }

    private static (IReadOnlyList<V1NetworkPolicy> Policies, string Why) Desire(Kafka kafka, ClusterSnapshot snapshot, GuardOptions options)
    {
        var ns = kafka.Namespace ?? "";
        var cluster = kafka.Name;
        var ours = AgentPortGuardPolicy.Names(cluster);
        var others = snapshot.NetworkPolicies.InNamespace(ns).Where(p => !ours.Contains(p.Name)).ToArray();
        var pods = snapshot.Pods.InNamespace(ns).Where(p => KafkaAgent.ClusterOf(p.Metadata.Labels) == cluster).Select(PodEndpoint.From).ToArray();
        // Before the first pod exists, judge the labels every Kafka node pod of the cluster will carry.
        PodEndpoint[] judged = pods.Length > 0 ? pods : [new PodEndpoint(ns, KafkaAgent.PodLabels(cluster), KafkaAgent.CanonicalPorts)];
        var open = judged.Where(pod => !others.Any(o => IngressSelection.Selects(o, pod))).ToArray();
        var primary = AgentPortGuardPolicy.PrimaryName(cluster);
        var all = AgentPortPolicyBuilder.ClusterPods(cluster);

        if (open.Length == judged.Length)
            return ([AgentPortPolicyBuilder.Build(kafka, primary, all, passThrough: true, options)], "no other policy isolates the Kafka pods: 8443 for the operator, everything else open");
        if (open.Length == 0)
            return ([AgentPortPolicyBuilder.Build(kafka, primary, all, passThrough: false, options)], "other policies isolate the Kafka pods: 8443 for the operator only");

        var names = open.Select(p => p.Labels.GetValueOrDefault(KafkaAgent.PodNameLabel)).OfType<string>().ToArray();
        List<V1NetworkPolicy> policies = [AgentPortPolicyBuilder.Build(kafka, primary, all, passThrough: false, options)];
        // A pod without strimzi.io/pod-name cannot be singled out; it keeps the 8443-only rule (Strimzi sets the label on every node pod).
        if (names.Length > 0)
            policies.Add(AgentPortPolicyBuilder.Build(kafka, AgentPortGuardPolicy.ComplementName(cluster), AgentPortPolicyBuilder.SomePods(cluster, names), passThrough: true, options));
        return (policies, $"other policies isolate {judged.Length - open.Length} of {judged.Length} Kafka pods: the other {open.Length} stay open");
    }
}
