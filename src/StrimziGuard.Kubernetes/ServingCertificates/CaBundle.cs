using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>A caBundle: PEM CA certificates, in order, no duplicates. What a webhook's <c>clientConfig.caBundle</c> holds (base64 of the PEM).</summary>
internal static class CaBundle
{
    /// <summary>Every certificate in the PEM text; unreadable blocks are skipped (a bundle someone mangled must not stop a repair).</summary>
    public static IReadOnlyList<X509Certificate2> Parse(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem)) return [];
        var all = new List<X509Certificate2>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    all.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
                }
                catch (CryptographicException)
                {
                    // Skipped, see above.
                }
            }
            rest = rest[fields.Location.End..];
        }
        return all;
    }

    public static IReadOnlyList<X509Certificate2> FromBase64(string? base64)
    {
        if (string.IsNullOrEmpty(base64)) return [];
        try
        {
            return Parse(Encoding.ASCII.GetString(Convert.FromBase64String(base64)));
        }
        catch (FormatException)
        {
            return [];
        }
    }

    public static string ToPem(IEnumerable<X509Certificate2> certificates) =>
        string.Concat(Distinct(certificates).Select(c => c.ExportCertificatePem() + "\n"));

    public static string ToBase64(IEnumerable<X509Certificate2> certificates) => Convert.ToBase64String(Encoding.ASCII.GetBytes(ToPem(certificates)));

    public static IEnumerable<X509Certificate2> Distinct(IEnumerable<X509Certificate2> certificates) =>
        certificates.DistinctBy(c => Convert.ToHexString(c.RawData));

    public static bool SameSet(IEnumerable<X509Certificate2> a, IEnumerable<X509Certificate2> b) =>
        Distinct(a).Select(c => Convert.ToHexString(c.RawData)).Order().SequenceEqual(Distinct(b).Select(c => Convert.ToHexString(c.RawData)).Order());
}
