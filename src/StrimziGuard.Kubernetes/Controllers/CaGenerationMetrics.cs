using System.Diagnostics.Metrics;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// Per-cluster CA rotation gauges, read from the current snapshot at scrape time (computed once per snapshot): the generations of the
/// four CA Secrets, and the pods behind on each pod annotation, so a stuck or looping rotation shows on a dashboard.
/// </summary>
public static class CaGenerationMetrics
{
    public static void Register(Meter meter, Func<ClusterSnapshot> snapshot)
    {
        meter.CreateObservableGauge("strimzi_guard_ca_generation", () => Generations(snapshot()), null,
            "Generation of a cluster's CA Secret: ca is cluster-ca or clients-ca, kind is cert (ca-cert-generation) or key (ca-key-generation)");
        meter.CreateObservableGauge("strimzi_guard_ca_pods_behind", () => Behind(snapshot()), "{pod}",
            "Pods of a cluster whose CA generation annotation is below its CA Secret's");
    }

    private static IEnumerable<Measurement<int>> Generations(ClusterSnapshot snapshot) =>
        from s in CaRotationStatus.Of(snapshot)
        from g in s.SecretGenerations
        let parts = g.Key.Split('/')
        select new Measurement<int>(g.Value, new("namespace", s.Namespace), new("cluster", s.Cluster), new("ca", parts[0]), new("kind", parts[1]));

    private static IEnumerable<Measurement<int>> Behind(ClusterSnapshot snapshot) =>
        from s in CaRotationStatus.Of(snapshot)
        from b in s.PodsBehind
        select new Measurement<int>(b.Value, new("namespace", s.Namespace), new("cluster", s.Cluster), new("annotation", b.Key));
}
