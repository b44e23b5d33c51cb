using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StrimziGuard.Tests.Web;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_stops_accepting_and_finishes_a_review_that_is_in_flight()
    {
        await using var server = await TestServer.StartAsync(s => s with { ShutdownTimeout = TimeSpan.FromSeconds(30) });
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));
        await using var connection = await RawConnection.OpenAsync(server);

        // Headers and half the body: the review is now in flight, its handler waiting for the rest.
        await connection.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /validate/cert-lifetime HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        await connection.WriteAsync(body.AsMemory(0, body.Length / 2));
        await Eventually.True(() => server.Server.Metrics.InFlight == 1, "the review to be in flight");

        var stopping = server.Server.StopAsync();
        var lifetime = server.Server.Services.GetRequiredService<IHostApplicationLifetime>();
        await Eventually.True(() => lifetime.ApplicationStopping.IsCancellationRequested, "shutdown to begin");
        await Eventually.True(() => !server.CanConnect(), "the listener to stop accepting");

        await connection.WriteAsync(body.AsMemory(body.Length / 2));
        var response = await connection.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.Contains("\"uid\":\"", response);
        Assert.Contains("\"allowed\":true", response);
        await stopping.WaitAsync(Eventually.Deadline);
    }

    [Fact]
    public async Task Shutdown_gives_up_on_a_stuck_request_after_the_shutdown_timeout()
    {
        await using var server = await TestServer.StartAsync(s => s with { ShutdownTimeout = TimeSpan.FromMilliseconds(300), RequestTimeout = TimeSpan.FromSeconds(60) });
        await using var connection = await RawConnection.OpenAsync(server);
        await connection.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /validate/cert-lifetime HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"));
        await Eventually.True(() => server.Server.Metrics.InFlight == 1, "the review to be in flight");

        var started = DateTime.UtcNow;
        await server.Server.StopAsync().WaitAsync(Eventually.Deadline);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "shutdown was not bounded");
    }

    /// <summary>A TLS connection written by hand, so a test can stop half-way through a request body.</summary>
    private sealed class RawConnection : IAsyncDisposable
    {
        private readonly TcpClient tcp;
        private readonly SslStream tls;

        private RawConnection(TcpClient tcp, SslStream tls)
        {
            this.tcp = tcp;
            this.tls = tls;
        }

        public static async Task<RawConnection> OpenAsync(TestServer server)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(server.Server.AdmissionUri.Host, server.Server.AdmissionUri.Port);
            var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, cert, _, errors) => server.Certs.Verify(cert as System.Security.Cryptography.X509Certificates.X509Certificate2, errors),
            });
            return new RawConnection(tcp, tls);
        }

        public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
        {
            await tls.WriteAsync(bytes);
            await tls.FlushAsync();
        }

        /// <summary>Reads until the server closes or the Content-Length is satisfied.</summary>
        public async Task<string> ReadResponseAsync()
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            using var timeout = new CancellationTokenSource(Eventually.Deadline);
            while (true)
            {
                var n = await tls.ReadAsync(chunk, timeout.Token);
                if (n == 0) break;
                buffer.Write(chunk, 0, n);
                var text = Encoding.UTF8.GetString(buffer.ToArray());
                var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                var lengthAt = text.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
                if (split > 0 && lengthAt > 0 && lengthAt < split)
                {
                    var length = int.Parse(text[(lengthAt + 16)..text.IndexOf('\r', lengthAt)]);
                    if (buffer.Length >= split + 4 + length) break;
                }
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public async ValueTask DisposeAsync()
        {
            await tls.DisposeAsync();
            tcp.Dispose();
        }
    }
}
