using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StrimziGuard.Commands;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;
using StrimziGuard.Web;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Tests.Web;

/// <summary>
/// The real webhook host on https://127.0.0.1:0 (and a metrics port), with a CA and serving certificate minted in-process, the
/// bundled example cluster state, audit lines captured in memory and logs in a list.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public static readonly string ClusterState = RepositoryRoot.Combine("manifests", "examples", "cluster-state");

    public static readonly string Reviews = RepositoryRoot.Combine("manifests", "examples", "admission-reviews");

    private TestServer(DevCertificates certs, WebhookServer server, LineCapture audit, FakeLogCollector logs)
    {
        Certs = certs;
        Server = server;
        Audit = audit;
        Logs = logs;
        Client = certs.CreateClient(TimeSpan.FromSeconds(30));
    }

    public DevCertificates Certs { get; }

    public WebhookServer Server { get; }

    public LineCapture Audit { get; }

    /// <summary>Every log line of the server, with its level.</summary>
    public FakeLogCollector Logs { get; }

    public HttpClient Client { get; }

    public static async Task<TestServer> StartAsync(
        Func<WebhookServerSettings, WebhookServerSettings>? adjust = null, ISnapshotProvider? snapshots = null, DevCertificates? certs = null)
    {
        certs ??= DevCertificates.Create();
        var audit = new LineCapture();
        var logs = new FakeLogCollector();
        var settings = new WebhookServerSettings
        {
            Listen = ListenAddress.Loopback("https"),
            MetricsListen = ListenAddress.Loopback("http"),
            TlsCertFile = certs.CertFile,
            TlsKeyFile = certs.KeyFile,
            AuditOutput = audit,
            ConfigureLogging = l => l.AddProvider(new FakeLoggerProvider(logs)),
        };
        settings = adjust?.Invoke(settings) ?? settings;
        snapshots ??= new FixedSnapshotProvider(ManifestLoader.LoadSnapshot([ClusterState]));
        return new TestServer(certs, await WebhookServer.StartAsync(settings, snapshots), audit, logs);
    }

    public Uri Url(string path) => new(Server.AdmissionUri, path);

    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Client.PostAsync(Url(path), content);
    }

    public async Task<string> MetricsText()
    {
        using var plain = new HttpClient();
        return await plain.GetStringAsync(new Uri(Server.MetricsUri!, "/metrics"));
    }

    /// <summary>A fresh TLS handshake (never a pooled connection) and the certificate the server presented in it.</summary>
    public async Task<X509Certificate2> HandshakeAsync(SslProtocols protocols = SslProtocols.None, List<SslApplicationProtocol>? alpn = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Server.AdmissionUri.Host, Server.AdmissionUri.Port);
        await using var tls = new SslStream(tcp.GetStream());
        X509Certificate2? presented = null;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            ApplicationProtocols = alpn,
            RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            {
                presented = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
                return Certs.Verify(presented, errors);
            },
        });
        LastProtocol = tls.SslProtocol;
        LastAlpn = tls.NegotiatedApplicationProtocol;
        return presented!;
    }

    /// <summary>Whether the admission port still accepts a TCP connection (it stops once the listener closes).</summary>
    public bool CanConnect()
    {
        try
        {
            using var tcp = new TcpClient();
            tcp.Connect(Server.AdmissionUri.Host, Server.AdmissionUri.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public SslProtocols LastProtocol { get; private set; }

    public SslApplicationProtocol LastAlpn { get; private set; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Certs.Dispose();
    }
}
