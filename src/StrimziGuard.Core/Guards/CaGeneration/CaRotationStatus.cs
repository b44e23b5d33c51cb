using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// Where each Kafka cluster stands in a CA rotation, for dashboards: the generations of its four CA Secrets and how many of its pods
/// are behind on each pod annotation. A rotation that is stuck shows as pods behind that do not go down.
/// </summary>
public sealed record CaRotationStatus(
    string Namespace,
    string Cluster,
    IReadOnlyDictionary<string, int> SecretGenerations,
    IReadOnlyDictionary<string, int> PodsBehind)
{
    /// <summary>Secret generation keys: <c>cluster-ca/cert</c>, <c>cluster-ca/key</c>, <c>clients-ca/cert</c>, <c>clients-ca/key</c>.</summary>
    public static IReadOnlyList<CaRotationStatus> Of(ClusterSnapshot snapshot) =>
        snapshot.Derived(typeof(CaRotationStatus), Compute);

    private static IReadOnlyList<CaRotationStatus> Compute(ClusterSnapshot snapshot)
    {
        var clusters = snapshot.Pods.All
            .Select(p => (Ns: p.Namespace ?? "", Cluster: KafkaPods.ClusterOf(p)))
            .Where(c => c.Cluster is not null)
            .Distinct()
            .OrderBy(c => c.Ns, StringComparer.Ordinal).ThenBy(c => c.Cluster, StringComparer.Ordinal);
        var result = new List<CaRotationStatus>();
        foreach (var (ns, cluster) in clusters)
        {
            var generations = new SortedDictionary<string, int>(StringComparer.Ordinal);
            Add(generations, "cluster-ca/cert", snapshot, ns, $"{cluster}-cluster-ca-cert", CaAnnotations.CaCertGeneration);
            Add(generations, "cluster-ca/key", snapshot, ns, $"{cluster}-cluster-ca", CaAnnotations.CaKeyGeneration);
            Add(generations, "clients-ca/cert", snapshot, ns, $"{cluster}-clients-ca-cert", CaAnnotations.CaCertGeneration);
            Add(generations, "clients-ca/key", snapshot, ns, $"{cluster}-clients-ca", CaAnnotations.CaKeyGeneration);

            var pods = snapshot.Pods.InNamespace(ns).Where(p => KafkaPods.ClusterOf(p) == cluster).ToArray();
            var behind = new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                [CaAnnotations.ClusterCaKeyGeneration] = Behind(pods, CaAnnotations.ClusterCaKeyGeneration, generations, "cluster-ca/key"),
                [CaAnnotations.ClusterCaCertGeneration] = Behind(pods, CaAnnotations.ClusterCaCertGeneration, generations, "cluster-ca/cert"),
                [CaAnnotations.ClientsCaCertGeneration] = Behind(pods, CaAnnotations.ClientsCaCertGeneration, generations, "clients-ca/cert"),
            };
            result.Add(new CaRotationStatus(ns, cluster!, generations, behind));
        }
        return result;
    }

    private static void Add(SortedDictionary<string, int> into, string key, ClusterSnapshot snapshot, string ns, string secret, string annotation)
    {
        // A Secret the operator made without the annotation is at generation 0 (Ca.INIT_GENERATION); an unreadable value is left out.
        if (snapshot.Secrets.Get(ns, secret) is not { } s) return;
        var g = CaAnnotations.Read(s.Metadata.Annotations, annotation);
        if (!g.Present) into[key] = 0;
        else if (g.IsNumber) into[key] = g.Value;
    }

    /// <summary>Pods whose annotation is a number below the Secret's; a missing annotation counts as current, as the operator reads it.</summary>
    private static int Behind(IEnumerable<Api.V1Pod> pods, string annotation, IReadOnlyDictionary<string, int> generations, string key) =>
        generations.TryGetValue(key, out var target)
            ? pods.Count(p => CaAnnotations.Read(p.Metadata.Annotations, annotation) is { IsNumber: true } g && g.Value < target)
            : 0;
}
