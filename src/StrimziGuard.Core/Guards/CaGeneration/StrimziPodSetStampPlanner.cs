using System.Globalization;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// Plans the StrimziPodSet stamps of one Kafka cluster during a CA key replacement (the guard's form of upstream fix #10876): raise each
/// entry's <c>strimzi.io/cluster-ca-key-generation</c> to K where it is lower and the stamp precondition holds, so the next recreate of
/// that pod comes up stamped even if nothing else runs.
///
/// It plans only once the trust roll has visibly started: the operator was seen deleting a behind pod (<paramref name="rollObserved"/>),
/// or a live Kafka pod of the cluster already trusts K. Strimzi 0.45+ stamps its entries itself just before it starts rolling; waiting
/// for the roll keeps our writes out of the window between its list and its PUT, so the guard is a no-op there instead of a source of 409s.
/// Pure and level-triggered: planning again against the result plans nothing.
/// </summary>
public static class StrimziPodSetStampPlanner
{
    public static StrimziPodSetStampPlan Plan(ClusterSnapshot snapshot, string ns, string cluster, bool rollObserved)
    {
        var ca = ClusterCaState.From(snapshot, ns, cluster);
        if (ca is null) return StrimziPodSetStampPlan.Nothing("cluster CA key Secret not in view");
        if (!ca.KeyGeneration.IsNumber) return StrimziPodSetStampPlan.Nothing($"ca-key-generation {ca.KeyGeneration} is not a number");
        var k = ca.KeyGeneration.Value;

        var livePods = snapshot.Pods.InNamespace(ns).Where(p => KafkaPods.ClusterOf(p) == cluster && p.Metadata.DeletionTimestamp is null).ToArray();
        var podSets = snapshot.StrimziPodSets.InNamespace(ns).Where(s => KafkaPods.IsKafkaPodSet(s, cluster) && s.Metadata.DeletionTimestamp is null).ToArray();
        var why = RollEvidence(livePods, podSets, k, rollObserved);
        if (why is null) return StrimziPodSetStampPlan.Nothing($"no trust roll seen yet (no pod of {cluster} trusts key generation {k} or is being recreated)");

        var stamps = new List<StrimziPodSetStamp>();
        var skipped = new List<string>();
        foreach (var sps in podSets.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var entries = new List<EntryStamp>();
            var pods = sps.Spec?.Pods ?? [];
            for (var i = 0; i < pods.Count; i++)
            {
                var meta = pods[i].Metadata;
                var key = CaAnnotations.Read(meta.Annotations, CaAnnotations.ClusterCaKeyGeneration);
                var cert = CaAnnotations.Read(meta.Annotations, CaAnnotations.ClusterCaCertGeneration);
                var (stamp, reason) = StampPrecondition.Evaluate(ca, key, cert);
                if (stamp is not null && meta.Name is { Length: > 0 } podName) entries.Add(new EntryStamp(i, podName, key.Value, stamp.Value, reason));
                else if (key.IsNumber && key.Value < k) skipped.Add($"{sps.Name}[{meta.Name}]: {reason}");
            }
            if (entries.Count > 0) stamps.Add(new StrimziPodSetStamp(sps, entries, Patch(sps, entries)));
        }
        return new StrimziPodSetStampPlan(stamps, skipped, why);
    }

    private static string? RollEvidence(V1Pod[] livePods, StrimziPodSet[] podSets, int k, bool rollObserved)
    {
        if (rollObserved) return "operator rolled a pod";
        var atK = livePods.FirstOrDefault(p => CaAnnotations.Read(p.Metadata.Annotations, CaAnnotations.ClusterCaKeyGeneration) is { IsNumber: true } g && g.Value == k);
        if (atK is not null) return $"pod {atK.Name} trusts key generation {k}";
        var live = livePods.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var missing = podSets.SelectMany(s => s.Spec?.Pods ?? []).FirstOrDefault(e => e.Metadata.Name is { } n && !live.Contains(n));
        return missing is null ? null : $"pod {missing.Metadata.Name} is being recreated";
    }

    private static List<JsonPatchOperation> Patch(StrimziPodSet sps, IEnumerable<EntryStamp> entries)
    {
        var ops = new List<JsonPatchOperation>();
        if (sps.Metadata.ResourceVersion is { } rv) ops.Add(JsonPatchOperation.Test("/metadata/resourceVersion", rv));
        foreach (var e in entries)
        {
            var annotation = $"/spec/pods/{e.Index}/metadata/annotations/{JsonPatchDiff.Escape(CaAnnotations.ClusterCaKeyGeneration)}";
            var current = sps.Spec!.Pods![e.Index].Metadata.Annotations![CaAnnotations.ClusterCaKeyGeneration];
            ops.Add(JsonPatchOperation.Test($"/spec/pods/{e.Index}/metadata/name", e.PodName));
            ops.Add(JsonPatchOperation.Test(annotation, current));
            ops.Add(JsonPatchOperation.Replace(annotation, e.To.ToString(CultureInfo.InvariantCulture)));
        }
        return ops;
    }
}
