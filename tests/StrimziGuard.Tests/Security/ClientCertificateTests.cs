using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using StrimziGuard.Testing;
using StrimziGuard.Tests.Web;

namespace StrimziGuard.Tests.Security;

/// <summary><c>serve --client-ca FILE</c>: with it, only a client whose certificate chains to that CA gets through the TLS handshake.</summary>
public sealed class ClientCertificateTests : IAsyncLifetime
{
    private readonly string caFile = Path.GetTempFileName();
    private readonly X509Certificate2 clientCa = TestCertificates.Create(TimeSpan.FromDays(1), "CN=api-server client CA", DateTimeOffset.UtcNow.AddHours(-1), isCa: true);
    private TestServer server = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(caFile, TestCertificates.Pem(clientCa));
        server = await TestServer.StartAsync(s => s with { ClientCaFile = caFile });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        File.Delete(caFile);
    }

    private HttpClient Client(X509Certificate2? certificate) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = certificate is null ? null : [certificate],
            RemoteCertificateValidationCallback = (_, cert, _, errors) => server.Certs.Verify(cert as X509Certificate2, errors),
        },
    });

    private async Task<int> Readyz(X509Certificate2? certificate)
    {
        using var client = Client(certificate);
        using var response = await client.GetAsync(server.Url("/readyz"));
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task A_client_certificate_signed_by_the_configured_CA_is_served()
    {
        using var apiServer = TestCertificates.Create(TimeSpan.FromHours(2), "CN=kube-apiserver", DateTimeOffset.UtcNow.AddHours(-1), issuer: clientCa);
        Assert.Equal(200, await Readyz(apiServer));
    }

    [Fact]
    public async Task No_client_certificate_fails_the_handshake()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => Readyz(null));
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_fails_the_handshake()
    {
        using var otherCa = TestCertificates.Create(TimeSpan.FromDays(1), "CN=someone else", DateTimeOffset.UtcNow.AddHours(-1), isCa: true);
        using var stranger = TestCertificates.Create(TimeSpan.FromHours(2), "CN=kube-apiserver", DateTimeOffset.UtcNow.AddHours(-1), issuer: otherCa);
        await Assert.ThrowsAsync<HttpRequestException>(() => Readyz(stranger));
    }

    [Fact]
    public async Task Without_the_option_no_client_certificate_is_asked_for()
    {
        await using var plain = await TestServer.StartAsync();
        using var response = await plain.Client.GetAsync(plain.Url("/readyz"));
        Assert.Equal(200, (int)response.StatusCode);
    }
}
