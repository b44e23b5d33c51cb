using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// A throwaway CA and loopback serving certificate for <c>serve --dev</c>, <c>demo</c>, the tests and the benchmark, written as
/// PEM files (<c>ca.crt</c>, <c>tls.crt</c>, <c>tls.key</c>) the way a Kubernetes TLS Secret mounts them. Never for production:
/// the CA key lives only in this process's memory and the files in a temp directory.
/// </summary>
public sealed class DevCertificates : IDisposable
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(2);

    /// <summary>Short-lived on purpose: this guard is about short-lived certificates.</summary>
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(1);

    private readonly IssuedCertificate ca;

    private DevCertificates(string directory, IssuedCertificate ca)
    {
        Directory = directory;
        this.ca = ca;
    }

    public string Directory { get; }

    /// <summary>The CA, with its private key.</summary>
    public X509Certificate2 Ca => ca.Certificate;

    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string CertFile => Path.Combine(Directory, "tls.crt");

    public string KeyFile => Path.Combine(Directory, "tls.key");

    /// <summary>A new CA and serving certificate in a fresh temp directory (or <paramref name="directory"/>).</summary>
    public static DevCertificates Create(string? directory = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("strimzi-guard-dev-").FullName;
        var certs = new DevCertificates(directory, CertificateIssuer.CreateCa("strimzi-guard dev CA (throwaway)", DateTimeOffset.UtcNow, CaLifetime));
        File.WriteAllText(certs.CaFile, certs.ca.CertificatePem);
        certs.IssueServing(certs.CertFile, certs.KeyFile);
        return certs;
    }

    /// <summary>
    /// Signs a new serving certificate for localhost, 127.0.0.1 and ::1 and writes it and its key (PKCS#8 PEM). Returns the certificate,
    /// so tests can tell which one a handshake presented.
    /// </summary>
    public X509Certificate2 IssueServing(string certFile, string keyFile, string commonName = "strimzi-guard dev")
    {
        var leaf = CertificateIssuer.IssueServing(ca, ["localhost"], DateTimeOffset.UtcNow, LeafLifetime, commonName, [IPAddress.Loopback, IPAddress.IPv6Loopback]);
        File.WriteAllText(certFile, leaf.CertificatePem);
        File.WriteAllText(keyFile, leaf.KeyPem);
        return X509CertificateLoader.LoadCertificate(leaf.Certificate.RawData);
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
