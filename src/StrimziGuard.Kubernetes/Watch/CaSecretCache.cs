using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// Strimzi's CA Secrets without ever holding a private key: a metadata-only watch of every CA Secret (generation annotations are in
/// metadata), plus a full GET of a public <c>*-ca-cert</c> Secret each time its metadata changes. Key Secrets stay metadata-only: they
/// carry the same labels as the cert Secrets, so no label-selected full list could leave them out, and a field selector takes one name.
/// The GETs run on <see cref="DefaultConcurrency"/> workers, each Secret always on the same one (its changes are read in order): with
/// 1,000 clusters the start-up reads 2,000 cert Secrets, one at a time that was 2,000 round trips before <c>/readyz</c>.
/// </summary>
internal sealed class CaSecretCache : IWatchCache
{
    private readonly IKubeApiClient client;
    private readonly ILogger logger;
    /// <summary>
    /// Concurrent full GETs: enough to hide the round trip (the start-up's 2,000 reads at 1,000 clusters take about an eighth of the time
    /// of one at a time), few enough to stay a polite client under the API server's priority and fairness.
    /// </summary>
    public const int DefaultConcurrency = 8;

    private readonly Channel<(string? Ns, string Name)>[] fetches;
    private readonly TimeSpan retryDelay;
    private ImmutableDictionary<string, V1Secret> certs = ImmutableDictionary<string, V1Secret>.Empty;

    public CaSecretCache(IKubeApiClient client, string? ns = null, TimeSpan? retryDelay = null, ILogger? logger = null, int concurrency = DefaultConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        this.client = client;
        fetches = new Channel<(string?, string)>[concurrency];
        for (var i = 0; i < concurrency; i++) fetches[i] = Channel.CreateUnbounded<(string?, string)>(new UnboundedChannelOptions { SingleReader = true });
        this.logger = logger ?? NullLogger.Instance;
        this.retryDelay = retryDelay ?? TimeSpan.FromSeconds(5);
        Name = ns is null ? "CA secrets" : $"CA secrets in {ns}";
        Metadata = new WatchCache<V1Secret>(client, new WatchCacheOptions(KubeResources.Secrets)
        {
            Namespace = ns,
            LabelSelector = CaSecretNames.LabelSelector,
            MetadataOnly = true,
        }, logger);
        Metadata.Changed += OnMetadataChanged;
    }

    public event Action<WatchEventType, KubernetesObject>? Changed;

    public string Name { get; }

    /// <summary>The metadata-only view of all four CA Secrets of each cluster.</summary>
    public WatchCache<V1Secret> Metadata { get; }

    public bool HasSynced => Metadata.HasSynced && Metadata.Items.Values.All(s => !CaSecretNames.MayReadInFull(s.Name) || Volatile.Read(ref certs).ContainsKey(Key(s)));

    public string? Status => Metadata.Status;

    public DateTimeOffset? FailingSince => Metadata.FailingSince;

    /// <summary>Metadata-only Secrets, with each public <c>*-ca-cert</c> Secret replaced by its full copy once read.</summary>
    public IReadOnlyCollection<KubernetesObject> Objects
    {
        get
        {
            var full = Volatile.Read(ref certs);
            return Metadata.Items.Values.Select(s => (KubernetesObject)full.GetValueOrDefault(Key(s), s)).ToArray();
        }
    }

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(fetches.Select(f => FetchLoopAsync(f.Reader, ct)).Append(Metadata.RunAsync(ct)));

    public async Task SyncOnceAsync(CancellationToken ct)
    {
        await Metadata.SyncOnceAsync(ct).ConfigureAwait(false);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fetches.Length, CancellationToken = ct };
        await Parallel.ForEachAsync(Metadata.Items.Values.Where(s => CaSecretNames.MayReadInFull(s.Name)), parallel,
            (s, t) => new ValueTask(FetchAsync(s.Namespace, s.Name, t))).ConfigureAwait(false);
    }

    private void OnMetadataChanged(WatchEventType type, KubernetesObject secret)
    {
        if (!CaSecretNames.MayReadInFull(secret.Name))
        {
            Changed?.Invoke(type, secret);
            return;
        }
        if (type == WatchEventType.Deleted)
        {
            ImmutableInterlocked.TryRemove(ref certs, Key(secret), out _);
            Changed?.Invoke(type, secret);
            return;
        }
        Enqueue(secret.Namespace, secret.Name);
    }

    /// <summary>Each Secret to the same worker every time, so two reads of one Secret never race and land out of order.</summary>
    private void Enqueue(string? ns, string name) =>
        fetches[(int)((uint)StringComparer.Ordinal.GetHashCode(WatchCache<V1Secret>.Key(ns, name)) % (uint)fetches.Length)].Writer.TryWrite((ns, name));

    private async Task FetchLoopAsync(ChannelReader<(string? Ns, string Name)> reader, CancellationToken ct)
    {
        try
        {
            await foreach (var (ns, name) in reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await FetchAsync(ns, name, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    WatchLog.FetchFailed(logger, Name, name, e.Message, retryDelay);
                    _ = RequeueLaterAsync(ns, name, ct);
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping is not an error, whatever a fetch failing in the same moment threw.
        }
    }

    private async Task RequeueLaterAsync(string? ns, string name, CancellationToken ct)
    {
        try
        {
            await Task.Delay(retryDelay, ct).ConfigureAwait(false);
            Enqueue(ns, name);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task FetchAsync(string? ns, string name, CancellationToken ct)
    {
        // The one full read of a Secret in the guard; the name check keeps it away from the key Secrets.
        if (!CaSecretNames.MayReadInFull(name)) throw new InvalidOperationException($"refusing a full read of Secret {ns}/{name}: it may hold a private key");
        var read = await client.TryGetAsync<V1Secret>(KubeResources.Secrets, ns, name, ct).ConfigureAwait(false);
        if (read is not { } secret)
        {
            ImmutableInterlocked.TryRemove(ref certs, WatchCache<V1Secret>.Key(ns, name), out _);
            return;
        }
        secret = CachedObjects.Trim(secret);
        ImmutableInterlocked.AddOrUpdate(ref certs, Key(secret), secret, (_, _) => secret);
        Changed?.Invoke(WatchEventType.Modified, secret);
    }

    private static string Key(KubernetesObject o) => WatchCache<V1Secret>.Key(o.Namespace, o.Name);
}
