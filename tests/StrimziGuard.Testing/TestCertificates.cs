using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace StrimziGuard.Testing;

/// <summary>Real certificates minted in-process with exact validity, so lifetime edges (7 days vs 7 days and 1 second) are testable.</summary>
public static class TestCertificates
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public static X509Certificate2 Create(TimeSpan lifetime, string subject = "CN=test", DateTimeOffset? notBefore = null, X509Certificate2? issuer = null, bool isCa = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        var from = notBefore ?? Epoch;
        if (issuer is null) return request.CreateSelfSigned(from, from + lifetime);
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var signed = request.Create(issuer, from, from + lifetime, serial);
        return signed.CopyWithPrivateKey(key);
    }

    public static string Pem(params X509Certificate2[] chain) =>
        string.Concat(chain.Select(c => PemEncoding.WriteString("CERTIFICATE", c.RawData) + "\n"));

    public static string PemOfLifetime(TimeSpan lifetime, string subject = "CN=test") => Pem(Create(lifetime, subject));

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A PEM private key block, for testing that a key where a certificate belongs is reported without echoing it.</summary>
    public static string PrivateKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
}
