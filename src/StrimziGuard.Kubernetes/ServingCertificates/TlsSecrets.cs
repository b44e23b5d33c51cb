using System.Security.Cryptography;
using System.Text;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>Reading and writing <c>kubernetes.io/tls</c> Secrets: <c>tls.crt</c>, <c>tls.key</c>, and <c>ca.crt</c> where a bundle goes with them.</summary>
internal static class TlsSecrets
{
    public const string Type = "kubernetes.io/tls";

    /// <summary>When the leader last replaced the CA; the previous CA stays trusted for one leaf lifetime after it.</summary>
    public const string CaChangedAtAnnotation = "strimzi-guard.io/ca-changed-at";

    public static V1Secret Build(string ns, string name, IssuedCertificate pair, string? caBundlePem, IDictionary<string, string>? annotations = null)
    {
        var data = new Dictionary<string, string>
        {
            ["tls.crt"] = B64(pair.CertificatePem),
            ["tls.key"] = B64(pair.KeyPem),
        };
        if (caBundlePem is not null) data["ca.crt"] = B64(caBundlePem);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = Type,
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "strimzi-guard" },
                Annotations = annotations is null ? null : new Dictionary<string, string>(annotations),
            },
            Data = data,
        };
    }

    /// <summary>The certificate and key of a TLS Secret, or null with the reason when they are missing or do not form a pair.</summary>
    public static IssuedCertificate? Read(V1Secret? secret, out string? problem)
    {
        problem = null;
        if (secret?.Data is not { } data || !data.TryGetValue("tls.crt", out var crt) || !data.TryGetValue("tls.key", out var key))
        {
            problem = secret is null ? "missing" : "no tls.crt and tls.key";
            return null;
        }
        try
        {
            return IssuedCertificate.FromPem(Text(crt), Text(key));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            problem = $"tls.crt and tls.key do not form a certificate and key ({e.Message.Split('\n')[0]})";
            return null;
        }
    }

    public static string? CaBundlePem(V1Secret? secret) =>
        secret?.Data is { } data && data.TryGetValue("ca.crt", out var ca) ? TryText(ca) : null;

    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    private static string Text(string base64) => Encoding.ASCII.GetString(Convert.FromBase64String(base64));

    private static string? TryText(string base64)
    {
        try
        {
            return Text(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
