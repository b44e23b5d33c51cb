using System.Text;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Certificates;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>Checks the PEM certificates under some keys of a Secret against the lifetime limit. Every problem is a violation, never an exception.</summary>
internal static class SecretCertificates
{
    public static IEnumerable<Violation> Check(V1Secret secret, IEnumerable<string> keys, TimeSpan limit)
    {
        foreach (var key in keys.Distinct())
        {
            var (path, text, problem) = Value(secret, key);
            if (path is null) continue;
            if (problem is not null)
            {
                yield return new Violation(GuardIds.CertLifetime, path, problem, "store the certificate chain as base64 of its PEM text");
                continue;
            }
            var entries = PemCertificates.Read(text!);
            if (entries.Count == 0)
            {
                yield return new Violation(GuardIds.CertLifetime, path, "holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)",
                    "put the PEM certificate chain under this key");
                continue;
            }
            foreach (var entry in entries)
            {
                var which = entries.Count == 1 ? "the certificate" : $"certificate {entry.Index} of {entries.Count}";
                if (!entry.IsCertificate)
                {
                    yield return new Violation(GuardIds.CertLifetime, path, $"{which} {entry.Error}", "put only PEM CERTIFICATE blocks under this key");
                }
                else if (entry.Lifetime > limit)
                {
                    yield return new Violation(GuardIds.CertLifetime, path,
                        $"{which} ({entry.Subject}) lives {Lifetime.Describe(entry.Lifetime)}, over the {Lifetime.Limit(limit)} limit",
                        $"reissue it with a lifetime of {Lifetime.Describe(limit)} or less")
                    {
                        Fingerprint = $"{path}|{entry.Thumbprint}",
                    };
                }
            }
        }
    }

    /// <summary>The value under a key, from <c>data</c> (base64) or, in a manifest, <c>stringData</c>; null path when the key is absent.</summary>
    private static (FieldPath? Path, string? Text, string? Problem) Value(V1Secret secret, string key)
    {
        if (secret.StringData?.TryGetValue(key, out var plain) == true)
            return (FieldPath.Of("stringData").Field(key), plain, plain is null ? "is null" : null);
        if (secret.Data?.TryGetValue(key, out var encoded) != true) return (null, null, null);
        var path = FieldPath.Of("data").Field(key);
        // "data": {"tls.crt": null} deserializes to a null entry (found by fuzzing).
        if (encoded is null) return (path, null, "is null");
        var bytes = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, bytes, out var written)
            ? (path, Encoding.UTF8.GetString(bytes, 0, written), null)
            : (path, null, "is not valid base64");
    }
}
