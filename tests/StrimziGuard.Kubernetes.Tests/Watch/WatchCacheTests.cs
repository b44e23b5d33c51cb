using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestObjects;

namespace StrimziGuard.Kubernetes.Tests.Watch;

public sealed class WatchCacheTests : FakeApiServerTest
{
    private static readonly WatchCacheOptions PodsOptions = new(KubeResources.Pods) { RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task A_cached_pod_keeps_what_decisions_read_and_drops_managed_fields_status_and_container_details()
    {
        Fake.Put(FullPod("listed"));
        var cache = new WatchCache<V1Pod>(Client, PodsOptions);
        var running = cache.RunAsync(Stop.Token);
        await Wait.Until(() => cache.HasSynced && Fake.OpenWatches == 1, "the cache watches");
        Fake.Put(FullPod("watched"));
        await Wait.Until(() => cache.Get("kafka", "watched") is not null, "the watched pod arrives");

        foreach (var pod in new[] { cache.Get("kafka", "listed")!, cache.Get("kafka", "watched")! })
        {
            Assert.Equal("Kafka", pod.Metadata.Label("strimzi.io/kind"));
            Assert.Equal("3", pod.Metadata.Annotation("strimzi.io/cluster-ca-cert-generation"));
            Assert.Equal("my-cluster-kafka", pod.Spec!.ServiceAccountName);
            Assert.Equal(("tcp-kafkaagent", 8443), (pod.Spec.Containers![0].Ports![0].Name, pod.Spec.Containers[0].Ports![0].ContainerPort));
            Assert.Null(pod.Metadata.Extra);
            Assert.Null(pod.Extra);
            Assert.Null(pod.Spec.Extra);
            Assert.Null(pod.Spec.Containers[0].Extra);
        }
        await Stop.CancelAsync();
        await running;
    }

    private static System.Text.Json.Nodes.JsonObject FullPod(string name) => (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("""
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": {
            "name": "NAME", "namespace": "kafka", "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": {"strimzi.io/kind": "Kafka"}, "annotations": {"strimzi.io/cluster-ca-cert-generation": "3"},
            "managedFields": [{"manager": "strimzi-cluster-operator", "operation": "Update", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {}}}]
          },
          "spec": {
            "serviceAccountName": "my-cluster-kafka", "volumes": [{"name": "data", "emptyDir": {}}],
            "containers": [{"name": "kafka", "image": "quay.io/strimzi/kafka:0.45.0", "env": [{"name": "A", "value": "b"}],
              "ports": [{"name": "tcp-kafkaagent", "containerPort": 8443, "protocol": "TCP"}]}]
          },
          "status": {"phase": "Running", "podIP": "10.0.0.1"}
        }
        """.Replace("NAME", name, StringComparison.Ordinal))!;

    [Fact]
    public async Task Watch_that_drops_resumes_without_missing_or_duplicating_an_event()
    {
        var cache = new WatchCache<V1Pod>(Client, PodsOptions);
        var added = new List<string>();
        cache.Changed += (type, o) =>
        {
            if (type == WatchEventType.Added) lock (added) added.Add(o.Name);
        };
        var running = cache.RunAsync(Stop.Token);
        await Wait.Until(() => cache.HasSynced && Fake.OpenWatches == 1, "the cache watches");

        // Events land before, during (the gap between drop and resume) and after each dropped stream.
        var i = 0;
        for (var round = 0; round < 4; round++)
        {
            for (var k = 0; k < 10; k++, i++) Fake.Put(PodJson($"p{i:00}"));
            var watches = Fake.Requests.Count("watch", "pods");
            Assert.Equal(1, Fake.Faults.DropWatches());
            for (var k = 0; k < 5; k++, i++) Fake.Put(PodJson($"p{i:00}"));
            await Wait.Until(() => Fake.Requests.Count("watch", "pods") > watches && Fake.OpenWatches == 1, "the watch resumed");
        }
        await Wait.Until(() => cache.Items.Count == 60, "all 60 pods are cached");

        lock (added) Assert.Equal(Enumerable.Range(0, 60).Select(i => $"p{i:00}"), added);
        Assert.Equal(1, cache.ListCount);
        Assert.All(Fake.Requests.Where(r => r.Verb == "watch").Skip(1), r => Assert.Contains("resourceVersion=", r.Query));
        await Stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Relist_after_410_brings_the_cache_back_to_the_servers_state()
    {
        Fake.Seed(Pod("kept"), Pod("removed"));
        var cache = new WatchCache<V1Pod>(Client, PodsOptions);
        var deleted = new List<string>();
        cache.Changed += (type, o) =>
        {
            if (type == WatchEventType.Deleted) lock (deleted) deleted.Add(o.Name);
        };
        var running = cache.RunAsync(Stop.Token);
        await Wait.Until(() => cache.HasSynced && Fake.OpenWatches == 1, "the cache watches");

        // While the watch is down, history is compacted: the resume gets 410 and the cache must relist.
        Fake.Faults.Fail(503, times: 1, when: r => r.Verb == "watch");
        Fake.Faults.DropWatches();
        Fake.Delete("", "pods", "kafka", "removed");
        Fake.Seed(Pod("new"));
        Fake.CompactHistory();

        await Wait.Until(() => cache.ListCount == 2 && cache.Items.Count == 2 && cache.Get("kafka", "new") is not null, "the cache relisted");
        Assert.Null(cache.Get("kafka", "removed"));
        lock (deleted) Assert.Equal(["removed"], deleted);
        await Stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Strimzi_kinds_fall_back_to_v1_when_v1beta2_is_not_served()
    {
        await using var v1Only = await FakeApiServer.StartAsync(new FakeApiServerOptions
        {
            Resources = [.. FakeResource.Defaults.Where(r => r.Group != "core.strimzi.io"), new("core.strimzi.io", "v1", "StrimziPodSet", "strimzipodsets")],
        });
        using var c = v1Only.CreateClient();
        v1Only.Put(new() { ["apiVersion"] = "core.strimzi.io/v1", ["kind"] = "StrimziPodSet", ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "my-cluster-broker", ["namespace"] = "kafka" } });
        var cache = new WatchCache<StrimziPodSet>(c, new WatchCacheOptions(KubeResources.StrimziPodSets) { FallbackVersions = ["v1"] });

        await cache.SyncOnceAsync(Stop.Token);

        Assert.Equal("v1", cache.ServedResource!.Version);
        Assert.Equal("core.strimzi.io/v1", Assert.Single(cache.Items.Values).ApiVersion);
    }

    [Fact]
    public async Task Missing_cert_manager_crd_syncs_as_empty_and_says_so()
    {
        await using var noCertManager = await FakeApiServer.StartAsync(new FakeApiServerOptions { Resources = [.. FakeResource.Defaults.Where(r => r.Group != "cert-manager.io")] });
        using var c = noCertManager.CreateClient();
        var caches = ClusterCaches.Create(c, new ClusterCacheOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

        var running = caches.RunAsync(Stop.Token);
        await caches.Snapshots.WaitForSyncAsync(Stop.Token);

        Assert.Contains(caches.StatusNotes, n => n.Contains("certificates.cert-manager.io") && n.Contains("treated as empty"));
        await Stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Ca_key_secrets_are_only_ever_read_as_metadata_while_cert_secrets_are_read_in_full()
    {
        var ca = new Dictionary<string, string> { ["strimzi.io/component-type"] = "certificate-authority", ["strimzi.io/cluster"] = "my-cluster" };
        Fake.Seed(
            Secret("my-cluster-cluster-ca", labels: ca, data: new() { ["ca.key"] = "S0VZ" }),
            Secret("my-cluster-clients-ca", labels: ca, data: new() { ["ca.key"] = "S0VZ" }),
            Secret("my-cluster-cluster-ca-cert", labels: ca, data: new() { ["ca.crt"] = "Q0VSVA==" }),
            Secret("unrelated", data: new() { ["password"] = "eA==" }));
        var cache = new CaSecretCache(Client);
        var running = cache.RunAsync(Stop.Token);
        await Wait.Until(() => cache.HasSynced, "CA secrets synced");

        Fake.Put(Json(Secret("my-cluster-cluster-ca-cert", labels: ca, data: new() { ["ca.crt"] = "TkVX" })));
        await Wait.Until(() => cache.Objects.OfType<V1Secret>().Any(s => s.Data?.GetValueOrDefault("ca.crt") == "TkVX"), "the new cert is read");

        var secrets = cache.Objects.OfType<V1Secret>().ToDictionary(s => s.Name);
        Assert.Equal(new[] { "my-cluster-clients-ca", "my-cluster-cluster-ca", "my-cluster-cluster-ca-cert" }, secrets.Keys.Order());
        Assert.Null(secrets["my-cluster-cluster-ca"].Data);
        Assert.Null(secrets["my-cluster-clients-ca"].Data);
        var fullReads = Fake.Requests.Where(r => r.Resource == "secrets" && !r.MetadataOnly);
        Assert.NotEmpty(fullReads);
        Assert.All(fullReads, r => Assert.Equal("my-cluster-cluster-ca-cert", r.Name));
        await Stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task With_watched_namespaces_every_cache_lists_and_watches_each_namespace_and_never_the_whole_cluster()
    {
        var ca = new Dictionary<string, string> { ["strimzi.io/component-type"] = "certificate-authority", ["strimzi.io/cluster"] = "c" };
        var kafka = new Dictionary<string, string> { ["strimzi.io/kind"] = "Kafka" };
        Fake.Seed(
            Namespace("kafka"), Namespace("kafka-dev"), Namespace("apps"),
            Pod("c-broker-0", "kafka", kafka), Pod("d-broker-0", "kafka-dev", kafka), Pod("x-broker-0", "apps", kafka),
            Secret("c-cluster-ca-cert", "kafka", ca, new() { ["ca.crt"] = "Q0VSVA==" }), Secret("x-cluster-ca-cert", "apps", ca, new() { ["ca.crt"] = "Q0VSVA==" }));

        var snapshot = await ClusterCaches.Create(Client, new ClusterCacheOptions { Namespaces = ["kafka", "kafka-dev"] }).LoadOnceAsync(Stop.Token);

        Assert.Equal(["c-broker-0", "d-broker-0"], snapshot.Pods.All.Select(p => p.Name).Order());
        Assert.Equal(["c-cluster-ca-cert"], snapshot.Secrets.All.Select(p => p.Name));
        Assert.Equal(3, snapshot.Namespaces.Count);
        var reads = Fake.Requests.Where(r => r.Resource != "namespaces").ToArray();
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Contains(r.Namespace, new[] { "kafka", "kafka-dev" }));
        Assert.Contains(reads, r => r.Resource == "secrets" && r.Namespace == "kafka-dev" && r.Verb == "list");
    }

    /// <summary>
    /// The stamp's only evidence for a Strimzi-managed CA is the subject of ca.crt, so the snapshot must carry the cert Secret's data:
    /// while the key Secret alone shows K (Strimzi 0.47+ writes them concurrently) the snapshot says v0, after the cert write v1.
    /// </summary>
    [Fact]
    public async Task The_snapshot_carries_the_cert_Secrets_ca_crt_so_the_stamp_can_read_its_subject()
    {
        Fake.Seed(Fixtures.Load<Kafka>("kafka-my-cluster.kraft-node-pools.ca-7d"), RotationState.CertSecret(3, 0), RotationState.KeySecret(1));
        var caches = ClusterCaches.Create(Client, new ClusterCacheOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10), IncludeCertManager = false });
        var running = caches.RunAsync(Stop.Token);
        await caches.Snapshots.WaitForSyncAsync(Stop.Token);
        var keyFirst = ClusterCaState.From(caches.Snapshots.Current, "kafka", "my-cluster")!;
        Assert.Equal((1, 0, true), (keyFirst.KeyGeneration.Value, keyFirst.SubjectKeyGeneration, keyFirst.StrimziManaged));
        Assert.Null(caches.Snapshots.Current.Secrets.Get("kafka", "my-cluster-cluster-ca")!.Data);

        Fake.Put(Json(RotationState.CertSecret(4, 1)));
        await Wait.Until(() => ClusterCaState.From(caches.Snapshots.Current, "kafka", "my-cluster")?.SubjectKeyGeneration == 1, "the v1 certificate reaches the snapshot");
        await Stop.CancelAsync();
        await running;
    }

    private static System.Text.Json.Nodes.JsonObject Json(KubernetesObject o) => KubeJson.ToNode<object>(o).AsObject();
}
