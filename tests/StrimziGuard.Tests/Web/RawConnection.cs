using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace StrimziGuard.Tests.Web;

/// <summary>A TLS connection written by hand, so a test can stop half-way through a request body.</summary>
internal sealed class RawConnection : IAsyncDisposable
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
