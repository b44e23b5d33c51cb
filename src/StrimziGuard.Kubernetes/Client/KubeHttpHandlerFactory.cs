using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using StrimziGuard.Kubernetes.Config;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>TLS for the API server: trust exactly the configured CAs (not the system store) when given, present the client certificate.</summary>
internal static class KubeHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubeConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            // API server endpoints move (HA control planes, rotating LB members); do not pin one connection forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (config.ClientCertificate is { } cert) handler.SslOptions.ClientCertificates = [cert];
        if (config.TlsServerName is { } sni) handler.SslOptions.TargetHost = sni;
        if (config.InsecureSkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (config.CertificateAuthorities.Count > 0)
        {
            var roots = config.CertificateAuthorities;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots);
        }
        return handler;
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        if (errors == SslPolicyErrors.None) return true;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // Cluster CAs publish no CRL or OCSP endpoint.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
