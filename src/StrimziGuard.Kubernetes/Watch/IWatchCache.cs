using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>An informer-like local copy of one resource, kept current by list + watch.</summary>
public interface IWatchCache
{
    string Name { get; }

    /// <summary>True once the first full list has been stored (or the resource was found not to be served and is optional).</summary>
    bool HasSynced { get; }

    /// <summary>A human note on the cache's state, e.g. that an optional CRD is not installed; null when all is normal.</summary>
    string? Status { get; }

    /// <summary>
    /// Since when the last list or watch attempts have all failed (the store is the last good state and may be stale); null while the
    /// cache is in contact with the API server. Drives the staleness signal of <c>/readyz</c> and the metrics.
    /// </summary>
    DateTimeOffset? FailingSince => null;

    /// <summary>A consistent copy of the current objects: each call returns one version of the store, never a half-applied event.</summary>
    IReadOnlyCollection<KubernetesObject> Objects { get; }

    /// <summary>Raised on the watch loop after each change has been stored (never for bookmarks). Handlers must be quick and must not throw.</summary>
    event Action<WatchEventType, KubernetesObject>? Changed;

    /// <summary>List, then watch until <paramref name="ct"/> ends: resumes a dropped stream from the last resourceVersion, relists on 410.</summary>
    Task RunAsync(CancellationToken ct);

    /// <summary>One full list into the store, no watch (for <c>reconcile --once</c>).</summary>
    Task SyncOnceAsync(CancellationToken ct);
}
