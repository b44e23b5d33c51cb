using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using StrimziGuard.Commands;
using StrimziGuard.Testing;
using StrimziGuard.Tests.Web;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Tests.Reliability;

/// <summary>
/// The server under steady load from many connections (an in-process load generator, bounded in time; wrk is the tool for figures, see
/// the benchmark): rotating the serving certificate, then its CA, fails no request, and stopping lets every answered request be whole.
/// </summary>
public sealed class UnderLoadTests
{
    private static readonly byte[] Review = File.ReadAllBytes(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));

    /// <summary>Results of one load run: answers by status, and failures by exception type (a failure here is a refused or cut request).</summary>
    private sealed class LoadResult
    {
        public int Ok;
        public int Bad;
        public readonly List<string> Failures = [];
    }

    /// <summary>
    /// <paramref name="workers"/> loops posting the review until stopped. Connections are recycled every 100 ms, as the API server's
    /// are over time, so new handshakes keep happening while certificates change.
    /// </summary>
    private static async Task<LoadResult> Load(Uri url, Func<X509Certificate2?, bool> trust, int workers, Func<LoadResult, Task> during)
    {
        var result = new LoadResult();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient(new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMilliseconds(100),
                SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, _) => trust(cert as X509Certificate2) },
            }) { Timeout = TimeSpan.FromSeconds(10) };
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var content = new ByteArrayContent(Review);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync(url, content);
                    var body = await response.Content.ReadAsStringAsync();
                    var whole = (int)response.StatusCode == 200 && JsonNode.Parse(body)?["response"]?["allowed"] is not null;
                    if (whole) Interlocked.Increment(ref result.Ok);
                    else Interlocked.Increment(ref result.Bad);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    lock (result.Failures) result.Failures.Add(e.GetType().Name + ": " + e.Message);
                }
            }
        })).ToArray();
        await during(result);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return result;
    }

    /// <summary>Waits, with a deadline, until this many requests have been answered in all: progress, not a fixed time.</summary>
    private static Task Answered(LoadResult result, int count) =>
        Eventually.True(() => Volatile.Read(ref result.Ok) >= count || Volatile.Read(ref result.Bad) > 0, $"{count} answered requests");

    /// <summary>
    /// Waits until the server has loaded <paramref name="expected"/>: the files are checked at handshakes, which the recycled connections
    /// keep making, so a fixed count of answers could all land on connections opened before the swap.
    /// </summary>
    private static Task Served(TestServer server, X509Certificate2 expected) =>
        Eventually.True(() => server.Server.Certificate.Certificate?.Thumbprint == expected.Thumbprint, $"{expected.Subject} is served");

    private static Func<X509Certificate2?, bool> Trusting(params X509Certificate2[] cas) => cert =>
    {
        if (cert is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(cas);
        return chain.Build(cert);
    };

    [Fact]
    public async Task Rotating_the_serving_certificate_and_then_its_CA_under_load_fails_no_request()
    {
        using var certs = DevCertificates.Create();
        using var nextCa = DevCertificates.Create();
        var volume = SecretVolume.Create((crt, key) => certs.IssueServing(crt, key, "first"));
        await using var server = await TestServer.StartAsync(
            s => s with { TlsCertFile = volume.CertFile, TlsKeyFile = volume.KeyFile, ReloadInterval = TimeSpan.Zero }, certs: certs);
        var url = server.Url("/validate/cert-lifetime");

        // The API server trusts the caBundle, which holds the old and the new CA while the CA changes (manifests, serving-cert rotation).
        var result = await Load(url, Trusting(certs.Ca, nextCa.Ca), workers: 16, during: async load =>
        {
            await Answered(load, 200);
            volume.Swap((crt, key) => certs.IssueServing(crt, key, "second from the same CA"));
            await Served(server, volume.Current);
            await Answered(load, Volatile.Read(ref load.Ok) + 200);
            volume.Swap((crt, key) => nextCa.IssueServing(crt, key, "third from a new CA"));
            await Served(server, volume.Current);
            await Answered(load, Volatile.Read(ref load.Ok) + 200);
        });

        Assert.True(Trusting(nextCa.Ca)(server.Server.Certificate.Certificate), "the new CA's certificate is served at the end");
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Take(5)));
        Assert.Equal(0, result.Bad);
        Assert.True(result.Ok >= 600, $"only {result.Ok} requests were answered");
    }

    [Fact]
    public async Task Stopping_under_load_answers_every_request_it_accepted_in_full()
    {
        await using var server = await TestServer.StartAsync();
        var url = server.Url("/validate/cert-lifetime");
        var result = await Load(url, Trusting(server.Certs.Ca), workers: 16, during: async load =>
        {
            await Answered(load, 200);
            await server.Server.StopAsync();
        });

        // Connections opened while the listener closes are refused or reset before any request is read (the API server then applies the
        // webhook's failurePolicy). Every request the server did decide (one audit line each, written after the answer) reached its
        // client whole: no cut, empty or error answers, and as many whole answers as decisions.
        await Eventually.True(() => server.Audit.Lines.Count >= result.Ok, "the audit lines of every answered request");
        Assert.Equal(0, result.Bad);
        Assert.True(result.Ok >= 200, $"only {result.Ok} requests were answered");
        Assert.Equal(result.Ok, server.Audit.Lines.Count);
        Assert.All(result.Failures, f => Assert.StartsWith("HttpRequestException", f));
    }
}
