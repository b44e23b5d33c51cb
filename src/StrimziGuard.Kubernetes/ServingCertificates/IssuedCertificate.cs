using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>A certificate with its private key, and both as PEM (what a <c>kubernetes.io/tls</c> Secret holds).</summary>
public sealed class IssuedCertificate
{
    private IssuedCertificate(X509Certificate2 certificate, string certificatePem, string keyPem)
    {
        Certificate = certificate;
        CertificatePem = certificatePem;
        KeyPem = keyPem;
    }

    /// <summary>With its private key, usable for signing or as a TLS server certificate.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem { get; }

    public string KeyPem { get; }

    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());

    public static IssuedCertificate From(X509Certificate2 signed, ECDsa key)
    {
        var certPem = signed.ExportCertificatePem() + "\n";
        var keyPem = key.ExportPkcs8PrivateKeyPem() + "\n";
        return FromPem(certPem, keyPem);
    }

    /// <summary>Reads a PEM certificate (the first, when a chain is given) and its key; throws CryptographicException or ArgumentException when they do not form a pair.</summary>
    public static IssuedCertificate FromPem(string certificatePem, string keyPem)
    {
        using var pair = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        // Re-imported as PKCS#12 so the key is a persisted handle that SslStream can use on every platform, not an ephemeral one.
        var usable = X509CertificateLoader.LoadPkcs12(pair.Export(X509ContentType.Pkcs12), null);
        return new IssuedCertificate(usable, certificatePem, keyPem);
    }

    public bool IsSignedBy(X509Certificate2 ca)
    {
        if (Certificate.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData) is false) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(Certificate);
    }

    /// <summary>The DNS names of its subjectAltName extension.</summary>
    public IReadOnlyList<string> DnsNames =>
        Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToArray();
}
