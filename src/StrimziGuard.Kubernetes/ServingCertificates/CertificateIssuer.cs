using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// Makes the guard's CA and serving certificates: ECDSA P-256 (small, fast handshakes, accepted by every API server), backdated
/// five minutes for clock skew while notAfter - notBefore stays exactly the lifetime asked for (the guard's own 7-day rule
/// measures that difference). Used by the leader's rotation, the offline <c>strimzi-guard certs</c> command and <see cref="DevCertificates"/>.
/// </summary>
public static class CertificateIssuer
{
    /// <summary>Nodes whose clocks run a little behind the leader's still accept a certificate minted this instant.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static IssuedCertificate CreateCa(string commonName, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        // pathLength 0: this CA signs leaves only, never another CA.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = now - ClockSkew;
        using var ca = request.CreateSelfSigned(from, from + lifetime);
        return IssuedCertificate.From(ca, key);
    }

    /// <param name="commonName">The subject's CN; the first DNS name when null.</param>
    /// <param name="ipAddresses">IP addresses for the subjectAltName too (the loopback certificate of <see cref="DevCertificates"/>).</param>
    public static IssuedCertificate IssueServing(IssuedCertificate ca, IReadOnlyList<string> dnsNames, DateTimeOffset now, TimeSpan lifetime,
        string? commonName = null, IReadOnlyList<IPAddress>? ipAddresses = null)
    {
        if (dnsNames.Count == 0) throw new ArgumentException("a serving certificate needs at least one DNS name", nameof(dnsNames));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName ?? dnsNames[0]}"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames) san.AddDnsName(name);
        foreach (var address in ipAddresses ?? []) san.AddIpAddress(address);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false));
        var from = now - ClockSkew;
        var until = from + lifetime;
        // A leaf never outlives its CA: a verifier would reject the chain from the CA's notAfter on.
        if (until > ca.NotAfter) until = ca.NotAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive, as RFC 5280 requires
        using var caKey = ca.Certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("the CA has no ECDSA private key", nameof(ca));
        using var signed = request.Create(ca.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), from, until, serial);
        return IssuedCertificate.From(signed, key);
    }
}
