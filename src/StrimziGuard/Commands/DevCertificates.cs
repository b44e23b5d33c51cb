using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Commands;

/// <summary>
/// A throwaway CA and loopback serving certificate for <c>serve --dev</c>, <c>demo</c>, the tests and the benchmark, written as
/// PEM files (<c>ca.crt</c>, <c>tls.crt</c>, <c>tls.key</c>) the way a Kubernetes TLS Secret mounts them. Never for production:
/// the CA key lives only in this process's memory and the files in a temp directory.
/// </summary>
internal sealed class DevCertificates : IDisposable
{
    private readonly ECDsa caKey;

    private DevCertificates(string directory, X509Certificate2 ca, ECDsa caKey)
    {
        Directory = directory;
        Ca = ca;
        this.caKey = caKey;
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string CertFile => Path.Combine(Directory, "tls.crt");

    public string KeyFile => Path.Combine(Directory, "tls.key");

    /// <summary>A new CA and serving certificate in a fresh temp directory (or <paramref name="directory"/>).</summary>
    public static DevCertificates Create(string? directory = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("strimzi-guard-dev-").FullName;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=strimzi-guard dev CA (throwaway)", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        var certs = new DevCertificates(directory, ca, key);
        File.WriteAllText(certs.CaFile, ca.ExportCertificatePem() + "\n");
        certs.IssueServing(certs.CertFile, certs.KeyFile);
        return certs;
    }

    /// <summary>
    /// Signs a new serving certificate for localhost, 127.0.0.1 and ::1 and writes it and its key (PKCS#8 PEM). Returns the certificate,
    /// so tests can tell which one a handshake presented. Short-lived on purpose: this guard is about short-lived certificates.
    /// </summary>
    public X509Certificate2 IssueServing(string certFile, string keyFile, string commonName = "strimzi-guard dev")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive, as RFC 5280 requires
        using var signed = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), now.AddDays(1), serial);
        File.WriteAllText(certFile, signed.ExportCertificatePem() + "\n");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    /// <summary>True when <paramref name="certificate"/> chains to this CA (and only this CA) and names the host it was asked for.</summary>
    public bool Verify(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>An HTTP client that trusts exactly this CA, as <c>curl --cacert ca.crt</c> does.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, errors) => Verify(cert as X509Certificate2, errors) },
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    public void Dispose()
    {
        caKey.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless; failing a command over it is not.
        }
    }
}
