using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// Every replica's half of the self-rotating serving certificate: a watch on the one serving Secret (field selector on its
/// name), each change parsed into a certificate with its key and handed to <see cref="Updated"/> for an in-memory swap. The API
/// delivers a renewal within a second; the kubelet's Secret volume takes 30-100 s (peers.md pain point 5), so the mounted files
/// are only the start-up fallback. A Secret that does not parse is logged and the certificate in use is kept.
/// </summary>
public sealed class ServingSecretSource
{
    private readonly ServingCertOptions options;
    private readonly ILogger logger;
    private volatile IssuedCertificate? current;

    public ServingSecretSource(IKubeApiClient client, ServingCertOptions? options = null, ILogger? logger = null)
    {
        this.options = options ?? new ServingCertOptions();
        this.logger = logger ?? NullLogger.Instance;
        Cache = new WatchCache<V1Secret>(client, new WatchCacheOptions(KubeResources.Secrets)
        {
            Namespace = this.options.Namespace,
            FieldSelector = $"metadata.name={this.options.ServingSecretName}",
        }, logger);
        Cache.Changed += OnChanged;
    }

    /// <summary>A new certificate (with key) to serve from the next handshake on.</summary>
    public event Action<IssuedCertificate>? Updated;

    /// <summary>The last usable certificate read from the Secret, or null before one arrived.</summary>
    public IssuedCertificate? Current => current;

    public WatchCache<V1Secret> Cache { get; }

    /// <summary>namespace/name of the serving Secret, for messages.</summary>
    public string SecretName => $"{options.Namespace}/{options.ServingSecretName}";

    public Task RunAsync(CancellationToken ct) => Cache.RunAsync(ct);

    /// <summary>The first usable certificate from the Secret (the leader creates it on a fresh install), or null when <paramref name="timeout"/> passes.</summary>
    public async Task<IssuedCertificate?> WaitForCertificateAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (Current is { } now) return now;
        var arrived = new TaskCompletionSource<IssuedCertificate>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUpdated(IssuedCertificate c) => arrived.TrySetResult(c);
        Updated += OnUpdated;
        try
        {
            if (Current is { } raced) return raced;
            return await arrived.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            Updated -= OnUpdated;
        }
    }

    private void OnChanged(WatchEventType type, KubernetesObject obj)
    {
        // A deleted Secret changes nothing: the certificate in use stays valid and the leader writes a new one.
        if (type == WatchEventType.Deleted || obj is not V1Secret secret) return;
        var pair = TlsSecrets.Read(secret, out var problem);
        if (pair is null)
        {
            ServingCertLog.Unusable(logger, options.Namespace, options.ServingSecretName, problem ?? "unreadable");
            return;
        }
        if (current?.Certificate.Thumbprint == pair.Certificate.Thumbprint) return;
        current = pair;
        ServingCertLog.Swapped(logger, pair.Certificate.Thumbprint, pair.NotAfter, options.Namespace, options.ServingSecretName);
        Updated?.Invoke(pair);
    }
}
