using System.Net.Security;
using System.Security.Authentication;

namespace StrimziGuard.Tests.Web;

public sealed class TlsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

#pragma warning disable SYSLIB0039 // TLS 1.1 is obsolete: offering it is the point of the test.
    [Fact]
    public async Task A_tls_1_1_handshake_is_refused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Server.HandshakeAsync(SslProtocols.Tls11));
    }
#pragma warning restore SYSLIB0039

    [Fact]
    public async Task A_tls_1_2_only_client_is_served()
    {
        await Server.HandshakeAsync(SslProtocols.Tls12);
        Assert.Equal(SslProtocols.Tls12, Server.LastProtocol);
    }

    [Fact]
    public async Task A_client_offering_tls_1_3_gets_tls_1_3()
    {
        await Server.HandshakeAsync();
        Assert.Equal(SslProtocols.Tls13, Server.LastProtocol);
    }

    [Fact]
    public async Task Http2_is_not_negotiated_by_default()
    {
        await Server.HandshakeAsync(alpn: [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);
        Assert.Equal(SslApplicationProtocol.Http11, Server.LastAlpn);
    }

    [Fact]
    public async Task Http2_is_negotiated_when_turned_on()
    {
        await using var server = await TestServer.StartAsync(s => s with { Http2 = true });
        await server.HandshakeAsync(alpn: [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);
        Assert.Equal(SslApplicationProtocol.Http2, server.LastAlpn);
    }
}
