using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Certificates;

/// <summary>
/// The leader's half of the self-rotating serving certificate. Design (the base install; cert-manager's overlay replaces it):
/// a CA in Secret <c>strimzi-guard-ca</c> (a year, renewed at 2/3) signs ONE leaf of at most 7 days (renewed at 2/3) kept in
/// Secret <c>strimzi-guard-serving-cert</c>; every replica reads that Secret through the API (<see cref="ServingSecretSource"/>)
/// and swaps it in memory, so the kubelet's volume lag never matters. One leaf for all replicas means one Secret to inspect,
/// one expiry metric, and the same Secret shape cert-manager writes, so the serving side is identical in both installs.
/// Each pass is level-triggered (a crashed leader's successor finishes its work) and orders its writes so that no replica can
/// ever serve a certificate the API server does not trust: CA Secret, then every caBundle (old and new CA), then the leaf.
/// The previous CA stays in the bundles for one leaf lifetime after a CA change, and for as long as the served leaf needs it.
/// </summary>
public sealed class ServingCertRotator(IKubeApiClient client, ServingCertOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
{
    private readonly ServingCertOptions options = options ?? new ServingCertOptions();
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Runs passes until <paramref name="ct"/> ends (leadership lost or shutdown); a failed pass is retried soon.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = (await ReconcileAsync(ct).ConfigureAwait(false)).NextCheck;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is KubeApiException or HttpRequestException or TimeoutException or IOException)
            {
                next = time.GetUtcNow() + TimeSpan.FromSeconds(10);
                ServingCertLog.PassFailed(logger, next, e.Message.Split('\n')[0]);
            }
            var wait = next - time.GetUtcNow();
            if (wait < TimeSpan.FromSeconds(1)) wait = TimeSpan.FromSeconds(1);
            try
            {
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: make sure the CA, every caBundle and the leaf are current. Throws the API's errors (the caller retries).</summary>
    public async Task<RotationReport> ReconcileAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var bundles = new WebhookCaBundles(client, options, logger);
        var configurations = await bundles.LoadAsync(ct).ConfigureAwait(false);
        if (configurations.FirstOrDefault(c => c.Configuration.IsInjectedByCertManager) is { Configuration: not null } injected)
        {
            ServingCertLog.HandsOff(logger, injected.Resource.Kind, injected.Configuration.Name);
            return new RotationReport(now + options.Resync) { HandsOff = true };
        }

        var (ca, caChangedAt, caCreated) = await EnsureCaAsync(now, ct).ConfigureAwait(false);
        var servingSecret = await client.TryGetAsync<V1Secret>(KubeResources.Secrets, options.Namespace, options.ServingSecretName, ct).ConfigureAwait(false);
        var leaf = TlsSecrets.Read(servingSecret, out _);

        // Who may still present a certificate signed by an older CA: anything issued before the CA changed (gone one leaf
        // lifetime later), and the leaf in the Secret right now until it is replaced.
        var retireAt = caChangedAt + options.LeafLifetime;
        var previous = WebhookCaBundles.Trusted(configurations.Select(c => c.Configuration))
            .Concat(CaBundle.Parse(TlsSecrets.CaBundlePem(servingSecret)))
            .Where(c => c.Thumbprint != ca.Certificate.Thumbprint && c.NotAfter.ToUniversalTime() > now.UtcDateTime)
            .Where(c => now < retireAt || (leaf is not null && leaf.IsSignedBy(c)));
        var bundle = CaBundle.Distinct(previous.Prepend(PublicOnly(ca.Certificate))).ToArray();

        var patched = 0;
        foreach (var (resource, configuration) in configurations)
        {
            if (await bundles.ApplyAsync(resource, configuration, bundle, ct).ConfigureAwait(false)) patched++;
        }

        var reason = LeafProblem(leaf, ca, now);
        var bundlePem = CaBundle.ToPem(bundle);
        var issued = false;
        if (reason is not null && patched > 0 && leaf is not null && !leaf.IsSignedBy(ca.Certificate))
        {
            // A leaf from the new CA waits one pass: every API server instance must have seen the new caBundle first (each
            // watches the configurations on its own). The old leaf stays valid and trusted meanwhile.
            return new RotationReport(now + options.BundlePropagation) { CaCreated = caCreated, BundlesPatched = patched, BundleSize = bundle.Length };
        }
        if (reason is not null)
        {
            leaf = CertificateIssuer.IssueServing(ca, options.DnsNames, now, options.LeafLifetime);
            await WriteAsync(servingSecret, TlsSecrets.Build(options.Namespace, options.ServingSecretName, leaf, bundlePem), ct).ConfigureAwait(false);
            ServingCertLog.LeafIssued(logger, leaf.Certificate.Thumbprint, leaf.NotAfter, reason);
            issued = true;
        }
        else if (!CaBundle.SameSet(CaBundle.Parse(TlsSecrets.CaBundlePem(servingSecret)), bundle))
        {
            await WriteAsync(servingSecret, TlsSecrets.Build(options.Namespace, options.ServingSecretName, leaf!, bundlePem), ct).ConfigureAwait(false);
        }

        var due = new[] { options.RenewalTime(ca.NotBefore, ca.NotAfter), options.RenewalTime(leaf!.NotBefore, leaf.NotAfter), now + options.Resync }
            .Concat(bundle.Length > 1 && now < retireAt ? [retireAt] : []);
        return new RotationReport(due.Min()) { CaCreated = caCreated, LeafIssued = issued, BundlesPatched = patched, BundleSize = bundle.Length };
    }

    private async Task<(IssuedCertificate Ca, DateTimeOffset ChangedAt, bool Created)> EnsureCaAsync(DateTimeOffset now, CancellationToken ct)
    {
        var secret = await client.TryGetAsync<V1Secret>(KubeResources.Secrets, options.Namespace, options.CaSecretName, ct).ConfigureAwait(false);
        var ca = TlsSecrets.Read(secret, out var problem);
        if (ca is not null && now >= options.RenewalTime(ca.NotBefore, ca.NotAfter)) problem = $"renewal due since {options.RenewalTime(ca.NotBefore, ca.NotAfter):o}";
        if (ca is not null && problem is null)
        {
            var changed = DateTimeOffset.TryParse(secret!.Metadata.Annotation(TlsSecrets.CaChangedAtAnnotation), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : ca.NotBefore;
            return (ca, changed, false);
        }
        var fresh = CertificateIssuer.CreateCa($"{options.ServiceName}.{options.Namespace} webhook CA", now, options.CaLifetime);
        var annotations = new Dictionary<string, string> { [TlsSecrets.CaChangedAtAnnotation] = now.UtcDateTime.ToString("o", CultureInfo.InvariantCulture) };
        await WriteAsync(secret, TlsSecrets.Build(options.Namespace, options.CaSecretName, fresh, null, annotations), ct).ConfigureAwait(false);
        ServingCertLog.CaCreated(logger, fresh.Certificate.Subject, fresh.NotAfter, problem ?? "missing", now + options.LeafLifetime);
        return (fresh, now, true);
    }

    /// <summary>Why the leaf must be replaced now, or null when it is fine.</summary>
    private string? LeafProblem(IssuedCertificate? leaf, IssuedCertificate ca, DateTimeOffset now)
    {
        if (leaf is null) return "no usable serving certificate";
        if (!leaf.IsSignedBy(ca.Certificate)) return "signed by another CA";
        if (!leaf.DnsNames.Order().SequenceEqual(options.DnsNames.Order())) return "DNS names changed";
        if (leaf.NotAfter - leaf.NotBefore > options.LeafLifetime) return $"lives longer than {options.LeafLifetime.TotalDays} days";
        var renewAt = options.RenewalTime(leaf.NotBefore, leaf.NotAfter);
        return now >= renewAt ? $"renewal due since {renewAt:o}" : null;
    }

    /// <summary>Create when there was none, else replace with the resourceVersion read (a 409 means another writer: the next pass re-reads).</summary>
    private async Task WriteAsync(V1Secret? existing, V1Secret desired, CancellationToken ct)
    {
        if (existing is null)
        {
            await client.CreateAsync(KubeResources.Secrets, desired, ct).ConfigureAwait(false);
            return;
        }
        desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        desired.Metadata.Labels = Merge(existing.Metadata.Labels, desired.Metadata.Labels);
        desired.Metadata.Annotations = Merge(existing.Metadata.Annotations, desired.Metadata.Annotations);
        await client.ReplaceAsync(KubeResources.Secrets, desired, ct).ConfigureAwait(false);
    }

    private static Dictionary<string, string>? Merge(Dictionary<string, string>? kept, Dictionary<string, string>? ours)
    {
        if (kept is null) return ours;
        var all = new Dictionary<string, string>(kept);
        foreach (var (k, v) in ours ?? []) all[k] = v;
        return all;
    }

    private static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
