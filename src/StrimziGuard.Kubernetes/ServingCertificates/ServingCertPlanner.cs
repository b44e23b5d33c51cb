using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// Every decision of the serving-certificate rotation, as pure functions of what the leader read (the two Secrets, the webhook
/// configurations), the time and the options: no client, no clock, no logger (house rule: no decision logic in a controller).
/// <see cref="ServingCertRotator"/> reads, asks, and writes what the plan says. The rules: the CA (a year) and the leaf (at most 7 days)
/// are renewed at <see cref="ServingCertOptions.RenewAtFraction"/> of their life; the writes are ordered so that no replica can serve a
/// certificate the API server does not trust (CA Secret, then every caBundle with old and new CA, then the leaf); the previous CA stays in
/// the bundles for one leaf lifetime after a CA change, and for as long as the leaf in the Secret needs it.
/// </summary>
internal static class ServingCertPlanner
{
    /// <summary>A configuration whose caBundle cert-manager's CA injector owns (the cert-manager overlay): then the guard writes nothing at all.</summary>
    public static ObservedConfiguration? InjectedByCertManager(IReadOnlyList<ObservedConfiguration> configurations) =>
        configurations.FirstOrDefault(c => c.Configuration.IsInjectedByCertManager);

    /// <summary>Keep the CA in <paramref name="caSecret"/>, or replace it: missing, unreadable, or due for renewal.</summary>
    public static CaPlan PlanCa(V1Secret? caSecret, DateTimeOffset now, ServingCertOptions options)
    {
        var ca = TlsSecrets.Read(caSecret, out var problem);
        if (ca is null) return new CaPlan { ReplaceBecause = $"Secret {options.Namespace}/{options.CaSecretName}: {problem}" };
        var renewAt = options.RenewalTime(ca.NotBefore, ca.NotAfter);
        if (now >= renewAt) return new CaPlan { ReplaceBecause = $"renewal due since {renewAt:o}" };
        var changed = DateTimeOffset.TryParse(caSecret!.Metadata.Annotation(TlsSecrets.CaChangedAtAnnotation), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : ca.NotBefore;
        return new CaPlan { Current = ca, ChangedAt = changed };
    }

    /// <summary>The caBundle every webhook and the serving Secret should hold, the patches that make it so, and what to do with the leaf.</summary>
    /// <param name="ca">The CA to sign with (kept, or made in this pass).</param>
    /// <param name="caChangedAt">When it became the CA.</param>
    public static ServingCertPlan Plan(IssuedCertificate ca, DateTimeOffset caChangedAt, IReadOnlyList<ObservedConfiguration> configurations, V1Secret? servingSecret,
        DateTimeOffset now, ServingCertOptions options)
    {
        var leaf = TlsSecrets.Read(servingSecret, out var leafProblem);
        var secretBundle = CaBundle.Parse(TlsSecrets.CaBundlePem(servingSecret));

        // Who may still present a certificate signed by an older CA: anything issued before the CA changed (gone one leaf lifetime
        // later), and the leaf in the Secret right now until it is replaced.
        var retireAt = caChangedAt + options.LeafLifetime;
        var previous = configurations.SelectMany(c => c.Configuration.Entries()).SelectMany(e => CaBundle.FromBase64(e.CaBundle))
            .Concat(secretBundle)
            .Where(c => c.Thumbprint != ca.Certificate.Thumbprint && c.NotAfter.ToUniversalTime() > now.UtcDateTime)
            .Where(c => now < retireAt || (leaf is not null && leaf.IsSignedBy(c)));
        var bundle = CaBundle.Distinct(previous.Prepend(X509CertificateLoader.LoadCertificate(ca.Certificate.RawData))).ToArray();
        var writes = configurations.Select(c => BundleWrite(c, bundle)).OfType<CaBundleWrite>().ToArray();

        var reason = LeafProblem(leaf, leafProblem, ca, now, options);
        if (reason is not null && writes.Length > 0 && leaf is not null && !leaf.IsSignedBy(ca.Certificate))
            return new ServingCertPlan(bundle, writes, LeafAction.WaitForBundle, now + options.BundlePropagation) { LeafReason = reason, CurrentLeaf = leaf };

        var action = reason is not null ? LeafAction.Issue : CaBundle.SameSet(secretBundle, bundle) ? LeafAction.Keep : LeafAction.RewriteBundle;
        var leafRenewal = action == LeafAction.Issue ? RenewalOfNewLeaf(ca, now, options) : options.RenewalTime(leaf!.NotBefore, leaf.NotAfter);
        var due = new[] { options.RenewalTime(ca.NotBefore, ca.NotAfter), leafRenewal, now + options.Resync }
            .Concat(bundle.Length > 1 && now < retireAt ? [retireAt] : []);
        return new ServingCertPlan(bundle, writes, action, due.Min()) { LeafReason = reason, CurrentLeaf = leaf };
    }

    /// <summary>Why the leaf must be replaced now, or null when it is fine.</summary>
    private static string? LeafProblem(IssuedCertificate? leaf, string? unreadable, IssuedCertificate ca, DateTimeOffset now, ServingCertOptions options)
    {
        if (leaf is null) return $"no usable serving certificate in Secret {options.Namespace}/{options.ServingSecretName}: {unreadable}";
        if (!leaf.IsSignedBy(ca.Certificate)) return "signed by another CA";
        if (!leaf.DnsNames.Order().SequenceEqual(options.DnsNames.Order())) return "DNS names changed";
        if (leaf.NotAfter - leaf.NotBefore > options.LeafLifetime) return $"lives longer than {options.LeafLifetime.TotalDays} days";
        var renewAt = options.RenewalTime(leaf.NotBefore, leaf.NotAfter);
        return now >= renewAt ? $"renewal due since {renewAt:o}" : null;
    }

    /// <summary>When a leaf issued now will be due, as <see cref="CertificateIssuer.IssueServing"/> dates it (backdated, never past its CA).</summary>
    private static DateTimeOffset RenewalOfNewLeaf(IssuedCertificate ca, DateTimeOffset now, ServingCertOptions options)
    {
        var from = now - CertificateIssuer.ClockSkew;
        var until = from + options.LeafLifetime < ca.NotAfter ? from + options.LeafLifetime : ca.NotAfter;
        return options.RenewalTime(from, until);
    }

    /// <summary>The patch setting every webhook of <paramref name="observed"/> whose caBundle differs to <paramref name="bundle"/>; null when none does.</summary>
    private static CaBundleWrite? BundleWrite(ObservedConfiguration observed, IReadOnlyList<X509Certificate2> bundle)
    {
        var (resource, configuration) = observed;
        var stale = configuration.Entries().Where(e => !CaBundle.SameSet(CaBundle.FromBase64(e.CaBundle), bundle)).ToArray();
        if (stale.Length == 0) return null;
        var encoded = CaBundle.ToBase64(bundle);
        var ops = new List<JsonPatchOperation>();
        foreach (var (index, name, _) in stale)
        {
            ops.Add(JsonPatchOperation.Test($"/webhooks/{index}/name", JsonValue.Create(name)));
            // "add" sets the member whether or not it exists (RFC 6902 §4.1); clientConfig always exists (the API requires it).
            ops.Add(JsonPatchOperation.Add($"/webhooks/{index}/clientConfig/caBundle", JsonValue.Create(encoded)));
        }
        return new CaBundleWrite(resource, configuration.Name, configuration.Metadata.ResourceVersion, ops, stale.Length, bundle.Count);
    }
}
