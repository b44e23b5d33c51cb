using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// An informer: list (paged), then watch from the list's resourceVersion with bookmarks. A dropped stream resumes from the last
/// resourceVersion seen, so nothing is missed or repeated; 410 Gone relists. The store is an immutable map swapped on each change,
/// so readers never lock and never see a half-applied event. One loop writes it.
/// </summary>
public sealed class WatchCache<T> : IWatchCache
    where T : KubernetesObject
{
    private readonly IKubeApiClient client;
    private readonly WatchCacheOptions options;
    private readonly ILogger logger;
    private ImmutableDictionary<string, T> items = ImmutableDictionary<string, T>.Empty;
    private volatile bool synced;
    private volatile string? status;
    private volatile ApiResource? served;
    private int lists;
    private long failingSinceTicks;

    public WatchCache(IKubeApiClient client, WatchCacheOptions options, ILogger? logger = null)
    {
        this.client = client;
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
    }

    public event Action<WatchEventType, KubernetesObject>? Changed;

    public string Name => options.Name;

    public bool HasSynced => synced;

    public string? Status => status;

    /// <summary>The version that answered the list (after any fallback); null before the first list.</summary>
    public ApiResource? ServedResource => served;

    /// <summary>How many full lists were made: 1 after start, one more per relist (410).</summary>
    public int ListCount => Volatile.Read(ref lists);

    /// <summary>The last resourceVersion seen, from a list, an event or a bookmark.</summary>
    public string? ResourceVersion { get; private set; }

    public IReadOnlyDictionary<string, T> Items => Volatile.Read(ref items);

    public IReadOnlyCollection<KubernetesObject> Objects => Volatile.Read(ref items).Values.ToArray();

    public DateTimeOffset? FailingSince => Interlocked.Read(ref failingSinceTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public T? Get(string? ns, string name) => Volatile.Read(ref items).GetValueOrDefault(Key(ns, name));

    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    if (ResourceVersion is null && !await ListIntoStoreAsync(ct).ConfigureAwait(false))
                    {
                        await Task.Delay(options.AbsentRecheck, ct).ConfigureAwait(false);
                        continue;
                    }
                    await WatchFromAsync(ResourceVersion!, ct).ConfigureAwait(false);
                    failures = 0;
                }
                catch (KubeGoneException)
                {
                    WatchLog.Gone(logger, Name, ResourceVersion);
                    ResourceVersion = null;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // The store keeps the last good state; from now on it may be stale, until a list or an event succeeds.
                    Interlocked.CompareExchange(ref failingSinceTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
                    var delay = Backoff(++failures);
                    WatchLog.WatchFailed(logger, Name, e.Message, ResourceVersion, delay);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping is not an error, however the cancelled read surfaces: a watch torn down mid-read can throw IOException
            // ("connection reset") instead of OperationCanceledException (found by the fault-injection tests, with added latency),
            // and a request failing in the same moment throws its own error.
        }
    }

    public async Task SyncOnceAsync(CancellationToken ct) => await ListIntoStoreAsync(ct).ConfigureAwait(false);

    private async Task WatchFromAsync(string resourceVersion, CancellationToken ct)
    {
        var watch = new ListOptions
        {
            LabelSelector = options.LabelSelector,
            FieldSelector = options.FieldSelector,
            ResourceVersion = resourceVersion,
            AllowWatchBookmarks = true,
            TimeoutSeconds = (int)(options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble())),
            MetadataOnly = options.MetadataOnly,
        };
        await foreach (var e in client.WatchAsync<T>(served!, options.Namespace, watch, ct).ConfigureAwait(false))
        {
            Interlocked.Exchange(ref failingSinceTicks, 0);
            Apply(options.KeepWholeObjects ? e : e with { Object = CachedObjects.Trim(e.Object) });
            ResourceVersion = e.Object.Metadata.ResourceVersion ?? ResourceVersion;
        }
    }

    /// <summary>False when the resource is not served and is optional (then the store is empty and counts as synced).</summary>
    private async Task<bool> ListIntoStoreAsync(CancellationToken ct)
    {
        var list = new ListOptions { LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector, MetadataOnly = options.MetadataOnly };
        var versions = new[] { options.Resource.Version }.Concat(options.FallbackVersions).Distinct().ToArray();
        foreach (var version in versions)
        {
            var resource = options.Resource.WithVersion(version);
            KubeList<T> answer;
            try
            {
                answer = await client.ListAllAsync<T>(resource, options.Namespace, list, options.PageSize, ct, options.KeepWholeObjects ? null : CachedObjects.Trim).ConfigureAwait(false);
            }
            catch (KubeNotFoundException)
            {
                continue;
            }
            served = resource;
            Interlocked.Increment(ref lists);
            Replace(answer.Items);
            ResourceVersion = answer.Metadata.ResourceVersion ?? "";
            status = null;
            synced = true;
            Interlocked.Exchange(ref failingSinceTicks, 0);
            WatchLog.Listed(logger, Name, answer.Items.Count, ResourceVersion, resource.ApiVersion);
            return true;
        }
        var tried = string.Join(", ", versions.Select(v => options.Resource.WithVersion(v).ApiVersion));
        if (!options.Optional)
        {
            status = $"{Name} is not served (tried {tried}); install its CRD or check the API versions";
            throw new KubeNotFoundException(status);
        }
        status = $"{Name} is not served (tried {tried}; optional, its CRD is not installed): treated as empty";
        WatchLog.NotServed(logger, status);
        Replace([]);
        synced = true;
        return false;
    }

    private void Apply(WatchEvent<T> e)
    {
        var key = Key(e.Object.Namespace, e.Object.Name);
        var current = Volatile.Read(ref items);
        switch (e.Type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                // The same resourceVersion twice is the same state: not a change (guards against a replayed event).
                if (current.TryGetValue(key, out var old) && old.Metadata.ResourceVersion == e.Object.Metadata.ResourceVersion) return;
                Volatile.Write(ref items, current.SetItem(key, e.Object));
                Raise(e.Type, e.Object);
                break;
            case WatchEventType.Deleted:
                if (!current.ContainsKey(key)) return;
                Volatile.Write(ref items, current.Remove(key));
                Raise(e.Type, e.Object);
                break;
        }
    }

    /// <summary>A relist: swap in the new store, then tell subscribers what changed relative to the old one.</summary>
    private void Replace(IReadOnlyList<T> fresh)
    {
        var next = fresh.ToImmutableDictionary(o => Key(o.Namespace, o.Name));
        var old = Interlocked.Exchange(ref items, next);
        foreach (var (key, obj) in next)
        {
            if (!old.TryGetValue(key, out var before)) Raise(WatchEventType.Added, obj);
            else if (before.Metadata.ResourceVersion != obj.Metadata.ResourceVersion) Raise(WatchEventType.Modified, obj);
        }
        foreach (var (key, obj) in old)
        {
            if (!next.ContainsKey(key)) Raise(WatchEventType.Deleted, obj);
        }
    }

    private void Raise(WatchEventType type, T obj)
    {
        try
        {
            Changed?.Invoke(type, obj);
        }
        catch (Exception e)
        {
            WatchLog.HandlerFailed(logger, Name, e);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var step = options.RetryBaseDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        if (step > options.RetryMaxDelay) step = options.RetryMaxDelay;
        return step / 2 + step / 2 * Random.Shared.NextDouble();
    }

    internal static string Key(string? ns, string name) => ns is null ? name : $"{ns}/{name}";
}
