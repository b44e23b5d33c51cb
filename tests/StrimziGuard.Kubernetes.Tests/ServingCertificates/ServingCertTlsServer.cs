using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.Tests.ServingCertificates;

/// <summary>A TLS listener on 127.0.0.1 (port chosen by the OS) that asks for its certificate at every handshake, as the webhook server does.</summary>
internal sealed class ServingCertTlsServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private ServingCertTlsServer(Func<X509Certificate2> certificate)
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        loop = AcceptAsync(certificate);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static ServingCertTlsServer Start(Func<X509Certificate2> certificate) => new(certificate);

    private async Task AcceptAsync(Func<X509Certificate2> certificate)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var tcp = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Task.Run(async () =>
                {
                    using (tcp)
                    {
                        await using var tls = new SslStream(tcp.GetStream());
                        try
                        {
                            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateSelectionCallback = (_, _) => certificate() });
                        }
                        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                        {
                            // The client decides what a failed handshake means.
                        }
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
