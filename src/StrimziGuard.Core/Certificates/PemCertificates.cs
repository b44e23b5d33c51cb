using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Core.Certificates;

/// <summary>
/// Reads every PEM block in a Secret value. Never throws: a broken block, a key where a certificate belongs, or bytes that are not
/// PEM at all come back as <see cref="PemEntry"/> problems the policy turns into violations.
/// </summary>
internal static class PemCertificates
{
    /// <summary>A Secret value holds a chain, not a phone book; past this many blocks the rest is reported, not parsed.</summary>
    public const int MaxBlocks = 64;

    public static IReadOnlyList<PemEntry> Read(string text)
    {
        var entries = new List<PemEntry>();
        var at = 0;
        while (true)
        {
            var begin = text.IndexOf("-----BEGIN ", at, StringComparison.Ordinal);
            if (begin < 0) break;
            if (entries.Count == MaxBlocks)
            {
                entries.Add(PemEntry.Problem(entries.Count + 1, $"more than {MaxBlocks} PEM blocks; the rest were not read"));
                break;
            }
            var index = entries.Count + 1;
            var rest = text.AsSpan(begin);
            if (!PemEncoding.TryFind(rest, out var fields))
            {
                entries.Add(PemEntry.Problem(index, "is not a complete PEM block (check the BEGIN/END lines and the base64 between them)"));
                var end = text.IndexOf("-----END ", begin, StringComparison.Ordinal);
                at = end < 0 ? text.Length : end + 9;
                continue;
            }
            var label = rest[fields.Label].ToString();
            at = begin + fields.Location.End.Value;
            if (label != "CERTIFICATE")
            {
                // Name the block type only; never echo its content (it may be a private key).
                entries.Add(PemEntry.Problem(index, $"is a {label} block where a CERTIFICATE belongs"));
                continue;
            }
            entries.Add(Parse(index, rest[fields.Base64Data]));
        }
        return entries;
    }

    private static PemEntry Parse(int index, ReadOnlySpan<char> base64)
    {
        try
        {
            var der = Convert.FromBase64String(base64.ToString());
            using var cert = X509CertificateLoader.LoadCertificate(der);
            var notBefore = cert.NotBefore.ToUniversalTime();
            var notAfter = cert.NotAfter.ToUniversalTime();
            return new PemEntry(index, cert.Subject, new DateTimeOffset(notBefore, TimeSpan.Zero), new DateTimeOffset(notAfter, TimeSpan.Zero),
                Convert.ToHexString(SHA256.HashData(der)), null);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return PemEntry.Problem(index, "is not a readable X.509 certificate");
        }
    }
}
