using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Commands;
using StrimziGuard.Core.Api;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using StrimziGuard.Tests.Web;

namespace StrimziGuard.Tests.Commands;

/// <summary>
/// <c>serve</c> against a cluster, here the fake API server (a test double with the API's semantics, not a cluster): admission reads the
/// watch caches and makes no API call; the elected leader's controllers act on what admission saw.
/// </summary>
public sealed class ServeLiveClusterTests : FakeApiServerTest
{
    private LiveCluster live = null!;
    private TestServer server = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Mid key replacement, no pod rolled yet: the StrimziPodSet entries are still at key generation 0.
        Fake.Seed(
            RotationState.CertSecret(4, 1), RotationState.KeySecret(1),
            RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, 0), ("my-cluster-broker-2", 3, 0)),
            Pod("my-cluster-broker-0"), Pod("my-cluster-broker-1"), Pod("my-cluster-broker-2"));
        var kubeconfig = Path.GetTempFileName();
        await File.WriteAllTextAsync(kubeconfig, Fake.KubeconfigYaml());
        live = LiveCluster.Connect(kubeconfig, null, loggers: NullLoggerFactory.Instance);
        server = await TestServer.StartAsync(s => s with { OnTrigger = live.OnTrigger }, live.Snapshots);
        live.Start(server.Server);
    }

    public override async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await live.DisposeAsync();
        await base.DisposeAsync();
    }

    private static V1Pod Pod(string name) => KubeJson.Read<V1Pod>(RotationState.Pod(name, 3, 0));

    private static byte[] Review(string name) => File.ReadAllBytes(Path.Combine(TestServer.Reviews, name));

    private async Task<JsonNode> Post(string path, string review)
    {
        using var response = await server.PostAsync(path, Review(review));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!;
    }

    [Fact]
    public async Task Ready_once_the_caches_sync_then_stamps_from_them_without_calling_the_API()
    {
        await Eventually.Value(async () => (int)(await server.Client.GetAsync(server.Url("/readyz"))).StatusCode, code => code == 200, "/readyz 200");
        var before = Fake.Requests.Where(r => r.Resource is "pods" or "secrets" or "strimzipodsets" && r.Verb is "get" or "list").Count;

        var answer = await Post("/mutate/ca-generation", "pod-create-by-cluster-operator-during-key-replacement.json");

        Assert.Equal("JSONPatch", (string?)answer["patchType"]);
        Assert.Equal(before, Fake.Requests.Where(r => r.Resource is "pods" or "secrets" or "strimzipodsets" && r.Verb is "get" or "list").Count);
    }

    [Fact]
    public async Task The_operators_pod_delete_makes_the_leader_stamp_the_StrimziPodSet()
    {
        await Eventually.Value(async () => (int)(await server.Client.GetAsync(server.Url("/readyz"))).StatusCode, code => code == 200, "/readyz 200");

        var answer = await Post("/validate/ca-generation", "pod-delete-by-cluster-operator.json");

        Assert.True((bool)answer["allowed"]!);
        // As the API server does once admission allowed it. The deletion landing is what wakes the controller in a cluster; the roll
        // signal alone only marks the cluster, so without it the stamp would wait for the resync whenever the leader's first pass came
        // before the signal (seen as a time-out on a loaded machine).
        Fake.Delete("", "pods", "kafka", "my-cluster-broker-0");
        await Eventually.True(
            () => Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!["spec"]!["pods"]!.AsArray()
                .All(e => (string?)e!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] == "1"),
            "every entry stamped with key generation 1");
    }

    [Fact]
    public async Task Metrics_show_each_clusters_CA_generations_and_the_pods_behind()
    {
        await Eventually.Value(async () => (int)(await server.Client.GetAsync(server.Url("/readyz"))).StatusCode, code => code == 200, "/readyz 200");

        var text = await server.MetricsText();

        Assert.Matches("strimzi_guard_ca_generation\\{[^}]*cluster=\"my-cluster\"[^}]*kind=\"key\"[^}]*\\} 1", text);
        Assert.Matches("strimzi_guard_ca_pods_behind\\{[^}]*annotation=\"strimzi.io/cluster-ca-key-generation\"[^}]*\\} 3", text);
    }
}
