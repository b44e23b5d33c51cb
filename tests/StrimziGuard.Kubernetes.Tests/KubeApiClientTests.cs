using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestObjects;

namespace StrimziGuard.Kubernetes.Tests;

public sealed class KubeApiClientTests : IAsyncLifetime
{
    private static readonly KubeClientOptions Fast = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) };
    private FakeApiServer fake = null!;
    private KubeApiClient client = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { BearerToken = "s3cret" });
        client = fake.CreateClient(Fast);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task Get_returns_the_typed_object_and_keeps_fields_we_do_not_model()
    {
        var pod = PodJson("broker-0");
        pod["spec"] = new JsonObject { ["nodeName"] = "node-1", ["containers"] = new JsonArray() };
        fake.Put(pod);

        var got = await client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "broker-0");

        Assert.Equal("broker-0", got.Name);
        Assert.NotNull(got.Metadata.ResourceVersion);
        Assert.Equal("node-1", (string?)KubeJson.ToNode(got)["spec"]!["nodeName"]);
    }

    [Fact]
    public async Task Get_of_a_missing_object_throws_not_found_with_the_status_body()
    {
        var e = await Assert.ThrowsAsync<KubeNotFoundException>(() => client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "nope"));
        Assert.Equal("NotFound", e.Reason);
        Assert.Equal(404, e.StatusCode);
    }

    [Fact]
    public async Task List_filters_by_label_and_field_selector()
    {
        fake.Seed(Pod("a", labels: new() { ["app"] = "x" }), Pod("b", labels: new() { ["app"] = "y" }), Pod("c", ns: "other", labels: new() { ["app"] = "x" }));

        var byLabel = await client.ListAsync<V1Pod>(KubeResources.Pods, null, new ListOptions { LabelSelector = "app in (x)" });
        var byName = await client.ListAsync<V1Pod>(KubeResources.Pods, "kafka", new ListOptions { FieldSelector = "metadata.name=b" });

        Assert.Equal(["a", "c"], byLabel.Items.Select(p => p.Name).Order());
        Assert.Equal("b", Assert.Single(byName.Items).Name);
        Assert.False(string.IsNullOrEmpty(byLabel.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_and_returns_every_object_once()
    {
        for (var i = 0; i < 7; i++) fake.Seed(Pod($"p{i}"));

        var all = await client.ListAllAsync<V1Pod>(KubeResources.Pods, "kafka", pageSize: 3);

        Assert.Equal(7, all.Items.Select(p => p.Name).Distinct().Count());
        Assert.Equal(3, fake.Requests.Count("list", "pods"));
    }

    [Fact]
    public async Task Create_returns_the_stored_object_and_a_second_create_throws_already_exists()
    {
        var created = await client.CreateAsync(KubeResources.Secrets, Secret("s1"));
        Assert.NotNull(created.Metadata.Uid);

        var e = await Assert.ThrowsAsync<KubeAlreadyExistsException>(() => client.CreateAsync(KubeResources.Secrets, Secret("s1")));
        Assert.Equal("AlreadyExists", e.Reason);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_throws_conflict()
    {
        var created = await client.CreateAsync(KubeResources.Secrets, Secret("s1"));
        created.Metadata.Labels = new() { ["a"] = "1" };
        var updated = await client.ReplaceAsync(KubeResources.Secrets, created);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        await Assert.ThrowsAsync<KubeConflictException>(() => client.ReplaceAsync(KubeResources.Secrets, created));
    }

    [Fact]
    public async Task Json_patch_with_a_resource_version_test_applies_once_and_then_fails_as_invalid()
    {
        var pod = await client.CreateAsync(KubeResources.Pods, Pod("p"));
        var ops = new[] { JsonPatchOperation.Add("/metadata/annotations", new JsonObject { ["x"] = "1" }) };

        var patched = await client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Json(ops, pod.Metadata.ResourceVersion));
        Assert.Equal("1", patched.Metadata.Annotation("x"));

        // kube-apiserver answers a failed JSON Patch test with 422 (handlers/patch.go, NewGenericServerResponse(422)).
        var e = await Assert.ThrowsAsync<KubeInvalidException>(() => client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Json(ops, pod.Metadata.ResourceVersion)));
        Assert.Contains("test failed", e.Message);
    }

    [Fact]
    public async Task Merge_patch_carrying_a_stale_resource_version_throws_conflict()
    {
        var pod = await client.CreateAsync(KubeResources.Pods, Pod("p"));
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["b"] = "2" } } };

        var patched = await client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Merge(patch, pod.Metadata.ResourceVersion));
        Assert.Equal("2", patched.Metadata.Label("b"));
        Assert.Equal("Kafka", patched.Metadata.Label("strimzi.io/kind"));

        await Assert.ThrowsAsync<KubeConflictException>(() => client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Merge(patch, pod.Metadata.ResourceVersion)));
    }

    [Fact]
    public async Task Delete_sends_the_propagation_policy_and_a_second_delete_throws_not_found()
    {
        fake.Seed(Pod("p"));

        await client.DeleteAsync(KubeResources.Pods, "kafka", "p", new DeleteOptions { PropagationPolicy = "Foreground" });

        Assert.Equal("Foreground", fake.Requests.Where(r => r.Verb == "delete").Single().Detail);
        Assert.Null(fake.Get("", "pods", "kafka", "p"));
        await Assert.ThrowsAsync<KubeNotFoundException>(() => client.DeleteAsync(KubeResources.Pods, "kafka", "p"));
    }

    [Fact]
    public async Task Delete_with_a_stale_precondition_throws_conflict()
    {
        var pod = await client.CreateAsync(KubeResources.Pods, Pod("p"));
        fake.Put(PodJson("p", extraLabel: "changed"));

        await Assert.ThrowsAsync<KubeConflictException>(() =>
            client.DeleteAsync(KubeResources.Pods, "kafka", "p", new DeleteOptions { PreconditionResourceVersion = pod.Metadata.ResourceVersion }));
    }

    [Fact]
    public async Task Watch_streams_added_modified_deleted_and_bookmarks_from_a_resource_version()
    {
        var list = await client.ListAsync<V1Pod>(KubeResources.Pods, "kafka");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<(WatchEventType, string?)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchAsync<V1Pod>(KubeResources.Pods, "kafka", new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, AllowWatchBookmarks = true }, cts.Token))
            {
                lock (seen) seen.Add((e.Type, e.Type == WatchEventType.Bookmark ? null : e.Object.Name));
                if (e.Type == WatchEventType.Bookmark) return;
            }
        });
        fake.Put(PodJson("w"));
        fake.Put(PodJson("w", extraLabel: "2"));
        fake.Delete("", "pods", "kafka", "w");

        await watching.WaitAsync(cts.Token);
        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w"), (WatchEventType.Bookmark, null)], seen);
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_throws_gone()
    {
        var list = await client.ListAsync<V1Pod>(KubeResources.Pods, "kafka");
        fake.Seed(Pod("x"));
        fake.CompactHistory();

        await Assert.ThrowsAsync<KubeGoneException>(async () =>
        {
            await foreach (var _ in client.WatchAsync<V1Pod>(KubeResources.Pods, "kafka", new ListOptions { ResourceVersion = list.Metadata.ResourceVersion }))
            {
            }
        });
    }

    [Fact]
    public async Task Metadata_reads_never_carry_secret_data()
    {
        fake.Seed(Secret("my-cluster-cluster-ca", data: new() { ["ca.key"] = "UFJJVkFURQ==" }, labels: new() { ["strimzi.io/component-type"] = "certificate-authority" }));

        var one = await client.GetMetadataAsync<V1Secret>(KubeResources.Secrets, "kafka", "my-cluster-cluster-ca");
        var list = await client.ListAsync<V1Secret>(KubeResources.Secrets, "kafka", new ListOptions { MetadataOnly = true });

        Assert.Null(one.Data);
        Assert.Equal("Secret", one.Kind);
        Assert.Null(Assert.Single(list.Items).Data);
        Assert.All(fake.Requests.All, r => Assert.True(r.MetadataOnly));
    }

    [Fact]
    public async Task Reads_are_retried_on_server_errors()
    {
        fake.Seed(Pod("p"));
        fake.Faults.Fail(500, times: 1);
        fake.Faults.Fail(503, times: 1);

        var pod = await client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p");

        Assert.Equal("p", pod.Name);
        Assert.Equal(3, fake.Requests.Count("get", "pods"));
    }

    [Fact]
    public async Task Writes_are_not_retried_on_server_errors()
    {
        fake.Faults.Fail(503, times: 1);

        var e = await Assert.ThrowsAsync<KubeServerErrorException>(() => client.CreateAsync(KubeResources.Pods, Pod("p")));

        Assert.Equal(503, e.StatusCode);
        Assert.Equal(1, fake.Requests.Count("create", "pods"));
    }

    [Fact]
    public async Task Too_many_requests_is_retried_for_writes_after_retry_after()
    {
        fake.Faults.Throttle(retryAfterSeconds: 1, times: 1);
        var started = DateTime.UtcNow;

        await client.CreateAsync(KubeResources.Pods, Pod("p"));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the client should honour Retry-After");
        Assert.Equal(2, fake.Requests.Count("create", "pods"));
    }

    [Fact]
    public async Task Too_many_requests_past_the_retries_carries_retry_after()
    {
        using var noRetry = fake.CreateClient(Fast with { MaxRetries = 0 });
        fake.Faults.Throttle(retryAfterSeconds: 7, times: 1);

        var e = await Assert.ThrowsAsync<KubeTooManyRequestsException>(() => noRetry.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));

        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
    }

    [Fact]
    public async Task Forbidden_and_unauthorized_answers_become_typed_errors_that_say_what_to_fix()
    {
        fake.Faults.Fail(403, times: 1);
        var forbidden = await Assert.ThrowsAsync<KubeForbiddenException>(() => client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));
        Assert.Contains("RBAC", forbidden.Message);

        using var wrongToken = new KubeApiClient(fake.KubeConfig("wrong"), Fast);
        var unauthorized = await Assert.ThrowsAsync<KubeUnauthorizedException>(() => wrongToken.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));
        Assert.Contains("token", unauthorized.Message);
    }

    [Fact]
    public async Task A_call_that_outlives_its_timeout_fails_with_a_timeout()
    {
        using var impatient = fake.CreateClient(Fast with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 });
        fake.Faults.Latency = TimeSpan.FromSeconds(3);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => impatient.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));

        Assert.Contains("within", e.Message);
    }

    [Fact]
    public async Task Unserved_resources_answer_not_found()
    {
        await Assert.ThrowsAsync<KubeNotFoundException>(() => client.ListAsync<Kafka>(KubeResources.Kafkas.WithVersion("v1"), null));
    }
}
