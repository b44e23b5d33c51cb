using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Watch;

public sealed record WatchCacheOptions(ApiResource Resource)
{
    /// <summary>Versions to try, in order, when the list of <see cref="Resource"/>'s version answers 404 (Strimzi v1beta2 then v1).</summary>
    public IReadOnlyList<string> FallbackVersions { get; init; } = [];

    /// <summary>Null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Keep only metadata (<c>PartialObjectMetadata</c>); used for Secrets whose data must never be held.</summary>
    public bool MetadataOnly { get; init; }

    /// <summary>A resource that may not be installed (cert-manager): 404 on every version counts as synced and empty, and is rechecked later.</summary>
    public bool Optional { get; init; }

    /// <summary>Keep objects as received instead of trimming them to what decisions read (<see cref="CachedObjects"/>); for measurements.</summary>
    public bool KeepWholeObjects { get; init; }

    /// <summary>
    /// Objects per list page. A page is read whole before its objects are trimmed, and the reader's buffer for it is pooled and kept, so
    /// the page size bounds both: 100 Strimzi pods are under 1 MB of JSON, where client-go's 500 made buffers of 4-16 MB that stayed resident.
    /// </summary>
    public int PageSize { get; init; } = 100;

    /// <summary>client-go picks 5-10 minutes at random so watches of many replicas do not all reconnect at once.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often to look again for a resource that was not served.</summary>
    public TimeSpan AbsentRecheck { get; init; } = TimeSpan.FromMinutes(5);

    public string Name => Namespace is null ? Resource.ToString() : $"{Resource} in {Namespace}";
}
