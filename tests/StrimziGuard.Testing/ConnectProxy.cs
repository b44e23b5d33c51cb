using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StrimziGuard.Testing;

/// <summary>
/// A small HTTPS forward proxy on 127.0.0.1 for tests: it answers <c>CONNECT host:port</c> with 200, then copies bytes both ways, so TLS
/// stays end to end. It records every CONNECT target, which is how a test sees that a client went through it.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public ConnectProxy()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    public ConcurrentQueue<string> Connects { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => TunnelAsync(client));
        }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            var parts = head.Split(' ');
            if (parts.Length < 2 || parts[0] != "CONNECT")
            {
                await stream.WriteAsync("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
                return;
            }
            Connects.Enqueue(parts[1]);
            var target = parts[1].Split(':');
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(target[0], int.Parse(target[1], System.Globalization.CultureInfo.InvariantCulture));
            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray());
            var up = upstream.GetStream();
            await Task.WhenAny(stream.CopyToAsync(up, stop.Token), up.CopyToAsync(stream, stop.Token));
        }
    }

    /// <summary>The request line; the headers after it are read and dropped.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1) text.Append((char)one[0]);
        return text.ToString().Split("\r\n")[0];
    }
}
