using System.Security.Authentication;
using StrimziGuard.Tests.Web;
using StrimziGuard.Web;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Tests.Security;

/// <summary>
/// TLS below 1.2 is refused. The handshake tests are in <see cref="TlsTests"/> (a TLS 1.1 client fails; 1.2 and 1.3 are served); a
/// client OS may refuse 1.0/1.1 on its own, so this also asserts what the server itself is configured to offer.
/// </summary>
public sealed class TlsPolicyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public void The_server_offers_only_TLS_1_2_and_1_3_with_forward_secret_AEAD_suites()
    {
        var options = TlsSettings.For(fixture.Server.Certs.Ca, http2: false);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, options.EnabledSslProtocols);
        Assert.False(options.ClientCertificateRequired);
        if (OperatingSystem.IsLinux()) Assert.NotNull(options.CipherSuitesPolicy);
    }

#pragma warning disable SYSLIB0039, CS0618 // Offering obsolete protocols is the point of the test.
    [Theory]
    [InlineData(SslProtocols.Tls)]
    [InlineData(SslProtocols.Tls11)]
    public async Task A_client_offering_only_an_old_protocol_fails_the_handshake(SslProtocols old)
    {
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Server.HandshakeAsync(old));
    }
#pragma warning restore SYSLIB0039, CS0618
}
