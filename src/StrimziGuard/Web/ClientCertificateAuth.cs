using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Web;

/// <summary>
/// Optional mutual TLS (<c>serve --client-ca FILE</c>): only a client presenting a certificate that chains to this CA completes the
/// handshake, so nothing but the API server (configured with a client certificate for webhooks through an AdmissionConfiguration
/// kubeconfig) can reach admission. controller-runtime's <c>ClientCAName</c>; Kubewarden's webhook hardening guide.
/// </summary>
internal sealed class ClientCertificateAuth
{
    private readonly X509Certificate2Collection authorities = [];

    public ClientCertificateAuth(string caFile)
    {
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidDataException($"--client-ca {caFile}: {e.Message}");
        }
        if (authorities.Count == 0) throw new InvalidDataException($"--client-ca {caFile}: no PEM certificate in the file");
    }

    /// <summary>The serving options of this handshake, with a client certificate required and checked against the CA (a copy: the originals are shared).</summary>
    public SslServerAuthenticationOptions Require(SslServerAuthenticationOptions serving) => new()
    {
        ServerCertificateContext = serving.ServerCertificateContext,
        EnabledSslProtocols = serving.EnabledSslProtocols,
        CipherSuitesPolicy = serving.CipherSuitesPolicy,
        ApplicationProtocols = serving.ApplicationProtocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        ClientCertificateRequired = true,
        RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && Trusted(certificate),
    };

    private bool Trusted(X509Certificate certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
