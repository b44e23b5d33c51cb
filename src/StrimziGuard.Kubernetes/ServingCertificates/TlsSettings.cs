using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>The TLS a webhook offers: 1.2 or 1.3 only, forward-secret AEAD suites only, HTTP/2 only when asked for.</summary>
internal static class TlsSettings
{
    /// <summary>
    /// TLS 1.3 suites plus the ECDHE-AEAD TLS 1.2 suites (Kyverno's choice; the API server's Go client offers all of them).
    /// The TLS 1.3 suites are listed first, and OpenSSL negotiates 1.3 whenever the client offers it.
    /// </summary>
    private static readonly TlsCipherSuite[] CipherSuites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>Server options for one certificate; built once per certificate and shared by every handshake (nothing mutates them).</summary>
    public static SslServerAuthenticationOptions For(X509Certificate2 certificate, bool http2) => new()
    {
        // offline: the chain is built once from what we hold; no OCSP or AIA fetch during a handshake.
        ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CipherSuitesPolicy = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? new CipherSuitesPolicy(CipherSuites) : null,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        ApplicationProtocols = http2 ? [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11] : [SslApplicationProtocol.Http11],
    };
}
