using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;
using StrimziGuard.Tests.Web;
using StrimziGuard.Web;

namespace StrimziGuard.Tests.Reliability;

/// <summary>
/// Admission over watch caches of the fake API server (a test double) when the API server starts failing every call and cuts every
/// watch: decisions keep coming from the last snapshot, <c>/readyz</c> stays 200 with a staleness warning and the
/// <c>strimzi_guard_snapshot_stale</c> gauge says 1; both clear when the API server answers again.
/// </summary>
public sealed class StaleSnapshotTests() : FakeApiServerTest(clientOptions: new KubeClientOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(2) })
{
    private readonly CancellationTokenSource stop = new();
    private ClusterCaches caches = null!;
    private TestServer server = null!;
    private Task running = Task.CompletedTask;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (_, obj) in ManifestLoader.Load([TestServer.ClusterState])) Fake.Put(obj);
        caches = ClusterCaches.Create(Client, new ClusterCacheOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), SnapshotDebounce = TimeSpan.FromMilliseconds(10) });
        running = caches.RunAsync(stop.Token);
        server = await TestServer.StartAsync(snapshots: new LiveSnapshotProvider(() => caches, staleAfter: TimeSpan.FromMilliseconds(300)));
    }

    public override async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await stop.CancelAsync();
        await running;
        await base.DisposeAsync();
        stop.Dispose();
    }

    private async Task<(int Status, string Text)> Readyz()
    {
        using var response = await server.Client.GetAsync(server.Url("/readyz"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> StampReview()
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "pod-create-by-cluster-operator-during-key-replacement.json"));
        using var response = await server.PostAsync("/mutate/ca-generation", body);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!;
    }

    [Fact]
    public async Task With_the_API_server_failing_admission_answers_from_the_last_snapshot_and_readyz_and_metrics_say_it_is_stale()
    {
        await Eventually.Value(Readyz, r => r.Status == 200, "/readyz 200 once synced");
        Assert.Equal("JSONPatch", (string?)(await StampReview())["patchType"]);
        Assert.Contains("strimzi_guard_snapshot_stale 0", await server.MetricsText());

        Fake.Faults.Fail(500, times: int.MaxValue);
        Fake.Faults.DropWatches();
        var (status, text) = await Eventually.Value(Readyz, r => r.Text.Contains("stale", StringComparison.Ordinal), "/readyz warns of a stale snapshot");

        Assert.Equal(200, status);
        Assert.Contains("warning: cluster snapshot may be stale: watches failing, decisions use the last snapshot", text);
        Assert.Contains("strimzi_guard_snapshot_stale 1", await server.MetricsText());
        var answer = await StampReview();
        Assert.True((bool)answer["allowed"]!);
        Assert.Equal("JSONPatch", (string?)answer["patchType"]);

        Fake.Faults.Clear();
        await Eventually.Value(Readyz, r => r.Status == 200 && !r.Text.Contains("stale", StringComparison.Ordinal), "the warning clears once the watches are back");
        Assert.Contains("strimzi_guard_snapshot_stale 0", await server.MetricsText());
    }
}
