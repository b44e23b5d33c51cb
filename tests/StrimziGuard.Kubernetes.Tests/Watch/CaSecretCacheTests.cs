using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestObjects;

namespace StrimziGuard.Kubernetes.Tests.Watch;

/// <summary>
/// The start-up read of the public CA cert Secrets scales with the number of clusters: the full GETs run a few at a time (never more
/// than the cache's concurrency), each cert Secret is read, and the key Secrets are never read in full.
/// </summary>
public sealed class CaSecretCacheTests : FakeApiServerTest
{
    private const int Clusters = 24;
    private readonly InFlightCounter counter = new();
    private KubeApiClient client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var ca = new Dictionary<string, string> { ["strimzi.io/component-type"] = "certificate-authority" };
        for (var c = 0; c < Clusters; c++)
        {
            Fake.Seed(
                Secret($"c{c}-cluster-ca", labels: ca, data: new() { ["ca.key"] = "S0VZ" }),
                Secret($"c{c}-cluster-ca-cert", labels: ca, data: new() { ["ca.crt"] = $"Q0VSVA{c}" }),
                Secret($"c{c}-clients-ca-cert", labels: ca, data: new() { ["ca.crt"] = $"Q0xJRU5U{c}" }));
        }
        // Each answer takes a round trip, as from a real API server, so reads that may overlap do.
        Fake.Faults.Latency = TimeSpan.FromMilliseconds(20);
        client = new KubeApiClient(Fake.KubeConfig(), null, null, counter);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        client.Dispose();
    }

    [Fact]
    public async Task Cert_secrets_are_read_a_few_at_a_time_never_more_than_the_concurrency_and_every_one_arrives()
    {
        var cache = new CaSecretCache(client, concurrency: 4);
        var running = cache.RunAsync(Stop.Token);
        await Wait.Until(() => cache.HasSynced, "CA secrets synced");

        var certs = cache.Objects.OfType<V1Secret>().Where(s => s.Data is not null).ToDictionary(s => s.Name, s => s.Data!["ca.crt"]);
        Assert.Equal(Clusters * 2, certs.Count);
        Assert.Equal("Q0VSVA7", certs["c7-cluster-ca-cert"]);
        Assert.InRange(counter.MostAtOnce, 2, 4);
        Assert.All(Fake.Requests.Where(r => r.Resource == "secrets" && !r.MetadataOnly), r => Assert.EndsWith("-ca-cert", r.Name));
        await Stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task With_a_concurrency_of_one_they_are_read_one_at_a_time()
    {
        var cache = new CaSecretCache(client, concurrency: 1);
        var running = cache.RunAsync(Stop.Token);
        await Wait.Until(() => cache.HasSynced, "CA secrets synced");

        Assert.Equal(Clusters * 2, cache.Objects.OfType<V1Secret>().Count(s => s.Data is not null));
        Assert.Equal(1, counter.MostAtOnce);
        await Stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_cert_secret_changed_while_others_are_being_read_ends_with_its_latest_data()
    {
        var cache = new CaSecretCache(client, concurrency: 4);
        var running = cache.RunAsync(Stop.Token);
        var ca = new Dictionary<string, string> { ["strimzi.io/component-type"] = "certificate-authority" };
        for (var v = 0; v < 5; v++) Fake.Put(Json(Secret("c3-cluster-ca-cert", labels: ca, data: new() { ["ca.crt"] = $"VjA{v}" })));
        await Wait.Until(() => cache.HasSynced, "CA secrets synced");

        await Wait.Until(() => cache.Objects.OfType<V1Secret>().Single(s => s.Name == "c3-cluster-ca-cert").Data?["ca.crt"] == "VjA4", "the last version is held");
        await Stop.CancelAsync();
        await running;
    }

    private static System.Text.Json.Nodes.JsonObject Json(KubernetesObject o) => KubeJson.ToNode<object>(o).AsObject();

    /// <summary>Counts full (not metadata-only) Secret GETs in flight at once, nearest the wire.</summary>
    private sealed class InFlightCounter : DelegatingHandler
    {
        private int now;
        private int most;

        public int MostAtOnce => Volatile.Read(ref most);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var counted = request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/secrets/", StringComparison.Ordinal)
                && !request.Headers.Accept.ToString().Contains("PartialObjectMetadata", StringComparison.Ordinal);
            if (!counted) return await base.SendAsync(request, cancellationToken);
            var at = Interlocked.Increment(ref now);
            InterlockedMax(ref most, at);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref now);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
