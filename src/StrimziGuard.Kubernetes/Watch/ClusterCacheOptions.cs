using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Watch;

public sealed record ClusterCacheOptions
{
    /// <summary>
    /// The namespaces to watch (config <c>watchNamespaces</c>): null, empty or <c>["*"]</c> watches all with one cluster-wide watch per
    /// resource; otherwise one list and watch per namespace and resource, which is what a RoleBinding in each namespace permits (a
    /// cluster-wide list filtered by namespace would need cluster-wide rights). Namespaces themselves are always watched cluster-wide
    /// (the operator namespace's labels), which needs no Secret or Strimzi rights.
    /// </summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary>The first Strimzi API version to try; the others in <see cref="KubeResources.StrimziVersions"/> follow on 404.</summary>
    public string StrimziVersion { get; init; } = "v1beta2";

    /// <summary>Only Strimzi-managed pods (strimzi-facts §5: every Strimzi pod carries <c>strimzi.io/kind</c>).</summary>
    public string PodLabelSelector { get; init; } = "strimzi.io/kind";

    /// <summary>cert-manager Certificates; optional, a missing CRD counts as empty.</summary>
    public bool IncludeCertManager { get; init; } = true;

    /// <summary>Concurrent full GETs of the public CA cert Secrets (<see cref="CaSecretCache"/>); 1 reads them one at a time.</summary>
    public int CaCertReadConcurrency { get; init; } = CaSecretCache.DefaultConcurrency;

    public TimeSpan SnapshotDebounce { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
