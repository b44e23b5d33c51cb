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
/// metadata), plus a full GET of a public <c>*-ca-cert</c> Secret each time its metadata changes. Key Secrets stay metadata-only.
/// </summary>
public sealed class CaSecretCache : IWatchCache
{
    private readonly IKubeApiClient client;
    private readonly ILogger logger;
    private readonly Channel<(string? Ns, string Name)> fetches = Channel.CreateUnbounded<(string?, string)>();
    private readonly TimeSpan retryDelay;
    private ImmutableDictionary<string, V1Secret> certs = ImmutableDictionary<string, V1Secret>.Empty;

    public CaSecretCache(IKubeApiClient client, string? ns = null, TimeSpan? retryDelay = null, ILogger? logger = null)
    {
        this.client = client;
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

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(Metadata.RunAsync(ct), FetchLoopAsync(ct));

    public async Task SyncOnceAsync(CancellationToken ct)
    {
        await Metadata.SyncOnceAsync(ct).ConfigureAwait(false);
        foreach (var s in Metadata.Items.Values.Where(s => CaSecretNames.MayReadInFull(s.Name)))
            await FetchAsync(s.Namespace, s.Name, ct).ConfigureAwait(false);
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
        fetches.Writer.TryWrite((secret.Namespace, secret.Name));
    }

    private async Task FetchLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (ns, name) in fetches.Reader.ReadAllAsync(ct).ConfigureAwait(false))
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
            fetches.Writer.TryWrite((ns, name));
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
        var secret = await client.TryGetAsync<V1Secret>(KubeResources.Secrets, ns, name, ct).ConfigureAwait(false);
        if (secret is null)
        {
            ImmutableInterlocked.TryRemove(ref certs, WatchCache<V1Secret>.Key(ns, name), out _);
            return;
        }
        ImmutableInterlocked.AddOrUpdate(ref certs, Key(secret), secret, (_, _) => secret);
        Changed?.Invoke(WatchEventType.Modified, secret);
    }

    private static string Key(KubernetesObject o) => WatchCache<V1Secret>.Key(o.Namespace, o.Name);
}
