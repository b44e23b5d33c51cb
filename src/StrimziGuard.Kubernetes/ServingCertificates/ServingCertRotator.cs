using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Leader;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// The leader's half of the self-rotating serving certificate, a leader task. Design (the base install; cert-manager's overlay replaces it):
/// a CA in Secret <c>strimzi-guard-ca</c> (a year, renewed at 2/3) signs ONE leaf of at most 7 days (renewed at 2/3) kept in
/// Secret <c>strimzi-guard-serving-cert</c>; every replica reads that Secret through the API (<see cref="ServingSecretSource"/>)
/// and swaps it in memory, so the kubelet's volume lag never matters. One leaf for all replicas means one Secret to inspect,
/// one expiry metric, and the same Secret shape cert-manager writes, so the serving side is identical in both installs.
/// Each pass is level-triggered (a crashed leader's successor finishes its work): it reads, asks <see cref="ServingCertPlanner"/>,
/// and writes what the plan says in the plan's order. Minting keys is the only thing done here besides I/O.
/// </summary>
public sealed class ServingCertRotator(IKubeApiClient client, ServingCertOptions? options = null, TimeProvider? time = null, ILogger? logger = null) : ILeaderTask
{
    private readonly ServingCertOptions options = options ?? new ServingCertOptions();
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    public string Name => "serving-certificate";

    /// <summary>Runs passes until <paramref name="term"/> ends (leadership lost or shutdown); a failed pass is retried soon.</summary>
    public async Task RunAsync(CancellationToken term)
    {
        while (!term.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = (await ReconcileAsync(term).ConfigureAwait(false)).NextCheck;
            }
            catch (Exception e) when (!term.IsCancellationRequested && e is KubeApiException or HttpRequestException or TimeoutException or IOException)
            {
                next = time.GetUtcNow() + TimeSpan.FromSeconds(10);
                ServingCertLog.PassFailed(logger, next, e.Message.Split('\n')[0]);
            }
            var wait = next - time.GetUtcNow();
            if (wait < TimeSpan.FromSeconds(1)) wait = TimeSpan.FromSeconds(1);
            try
            {
                await Task.Delay(wait, time, term).ConfigureAwait(false);
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
        if (ServingCertPlanner.InjectedByCertManager(configurations) is { } injected)
        {
            ServingCertLog.HandsOff(logger, injected.Resource.Kind, injected.Configuration.Name);
            return new RotationReport(now + options.Resync) { HandsOff = true };
        }

        var caSecret = await client.TryGetAsync<V1Secret>(KubeResources.Secrets, options.Namespace, options.CaSecretName, ct).ConfigureAwait(false);
        var caPlan = ServingCertPlanner.PlanCa(caSecret, now, options);
        var (ca, caChangedAt) = (caPlan.Current, caPlan.ChangedAt);
        if (caPlan.ReplaceBecause is { } why)
        {
            ca = CertificateIssuer.CreateCa($"{options.ServiceName}.{options.Namespace} webhook CA", now, options.CaLifetime);
            caChangedAt = now;
            var annotations = new Dictionary<string, string> { [TlsSecrets.CaChangedAtAnnotation] = now.UtcDateTime.ToString("o", CultureInfo.InvariantCulture) };
            await WriteAsync(caSecret, TlsSecrets.Build(options.Namespace, options.CaSecretName, ca, null, annotations), ct).ConfigureAwait(false);
            ServingCertLog.CaCreated(logger, ca.Certificate.Subject, ca.NotAfter, why, now + options.LeafLifetime);
        }

        var servingSecret = await client.TryGetAsync<V1Secret>(KubeResources.Secrets, options.Namespace, options.ServingSecretName, ct).ConfigureAwait(false);
        var plan = ServingCertPlanner.Plan(ca!, caChangedAt, configurations, servingSecret, now, options);
        foreach (var write in plan.BundleWrites) await bundles.ApplyAsync(write, ct).ConfigureAwait(false);
        switch (plan.Leaf)
        {
            case LeafAction.Issue:
                var leaf = CertificateIssuer.IssueServing(ca!, options.DnsNames, now, options.LeafLifetime);
                await WriteAsync(servingSecret, TlsSecrets.Build(options.Namespace, options.ServingSecretName, leaf, plan.BundlePem), ct).ConfigureAwait(false);
                ServingCertLog.LeafIssued(logger, leaf.Certificate.Thumbprint, leaf.NotAfter, plan.LeafReason!);
                break;
            case LeafAction.RewriteBundle:
                await WriteAsync(servingSecret, TlsSecrets.Build(options.Namespace, options.ServingSecretName, plan.CurrentLeaf!, plan.BundlePem), ct).ConfigureAwait(false);
                break;
        }
        return new RotationReport(plan.NextCheck)
        {
            CaCreated = caPlan.ReplaceBecause is not null,
            LeafIssued = plan.Leaf == LeafAction.Issue,
            BundlesPatched = plan.BundleWrites.Count,
            BundleSize = plan.Bundle.Count,
        };
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
}
