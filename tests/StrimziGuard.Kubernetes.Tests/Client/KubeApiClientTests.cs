using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestObjects;

namespace StrimziGuard.Kubernetes.Tests.Client;

public sealed class KubeApiClientTests() : FakeApiServerTest(new FakeApiServerOptions { BearerToken = "s3cret" }, Fast)
{
    private static readonly KubeClientOptions Fast = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task Get_returns_the_typed_object_and_keeps_fields_we_do_not_model()
    {
        var pod = PodJson("broker-0");
        pod["spec"] = new JsonObject { ["nodeName"] = "node-1", ["containers"] = new JsonArray() };
        Fake.Put(pod);

        var got = await Client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "broker-0");

        Assert.Equal("broker-0", got.Name);
        Assert.NotNull(got.Metadata.ResourceVersion);
        Assert.Equal("node-1", (string?)KubeJson.ToNode(got)["spec"]!["nodeName"]);
    }

    [Fact]
    public async Task Get_of_a_missing_object_throws_not_found_with_the_status_body()
    {
        var e = await Assert.ThrowsAsync<KubeNotFoundException>(() => Client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "nope"));
        Assert.Equal("NotFound", e.Reason);
        Assert.Equal(404, e.StatusCode);
    }

    [Fact]
    public async Task List_filters_by_label_and_field_selector()
    {
        Fake.Seed(Pod("a", labels: new() { ["app"] = "x" }), Pod("b", labels: new() { ["app"] = "y" }), Pod("c", ns: "other", labels: new() { ["app"] = "x" }));

        var byLabel = await Client.ListAsync<V1Pod>(KubeResources.Pods, null, new ListOptions { LabelSelector = "app in (x)" });
        var byName = await Client.ListAsync<V1Pod>(KubeResources.Pods, "kafka", new ListOptions { FieldSelector = "metadata.name=b" });

        Assert.Equal(["a", "c"], byLabel.Items.Select(p => p.Name).Order());
        Assert.Equal("b", Assert.Single(byName.Items).Name);
        Assert.False(string.IsNullOrEmpty(byLabel.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_and_returns_every_object_once()
    {
        for (var i = 0; i < 7; i++) Fake.Seed(Pod($"p{i}"));

        var all = await Client.ListAllAsync<V1Pod>(KubeResources.Pods, "kafka", pageSize: 3);

        Assert.Equal(7, all.Items.Select(p => p.Name).Distinct().Count());
        Assert.Equal(3, Fake.Requests.Count("list", "pods"));
    }

    [Fact]
    public async Task Create_returns_the_stored_object_and_a_second_create_throws_already_exists()
    {
        var created = await Client.CreateAsync(KubeResources.Secrets, Secret("s1"));
        Assert.NotNull(created.Metadata.Uid);

        var e = await Assert.ThrowsAsync<KubeAlreadyExistsException>(() => Client.CreateAsync(KubeResources.Secrets, Secret("s1")));
        Assert.Equal("AlreadyExists", e.Reason);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_throws_conflict()
    {
        var created = await Client.CreateAsync(KubeResources.Secrets, Secret("s1"));
        created.Metadata.Labels = new() { ["a"] = "1" };
        var updated = await Client.ReplaceAsync(KubeResources.Secrets, created);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        await Assert.ThrowsAsync<KubeConflictException>(() => Client.ReplaceAsync(KubeResources.Secrets, created));
    }

    [Fact]
    public async Task Json_patch_with_a_resource_version_test_applies_once_and_then_fails_as_invalid()
    {
        var pod = await Client.CreateAsync(KubeResources.Pods, Pod("p"));
        var ops = new[] { JsonPatchOperation.Add("/metadata/annotations", new JsonObject { ["x"] = "1" }) };

        var patched = await Client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Json(ops, pod.Metadata.ResourceVersion));
        Assert.Equal("1", patched.Metadata.Annotation("x"));

        // kube-apiserver answers a failed JSON Patch test with 422 (handlers/patch.go, NewGenericServerResponse(422)).
        var e = await Assert.ThrowsAsync<KubeInvalidException>(() => Client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Json(ops, pod.Metadata.ResourceVersion)));
        Assert.Contains("test failed", e.Message);
    }

    [Fact]
    public async Task Merge_patch_carrying_a_stale_resource_version_throws_conflict()
    {
        var pod = await Client.CreateAsync(KubeResources.Pods, Pod("p"));
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["b"] = "2" } } };

        var patched = await Client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Merge(patch, pod.Metadata.ResourceVersion));
        Assert.Equal("2", patched.Metadata.Label("b"));
        Assert.Equal("Kafka", patched.Metadata.Label("strimzi.io/kind"));

        await Assert.ThrowsAsync<KubeConflictException>(() => Client.PatchAsync<V1Pod>(KubeResources.Pods, "kafka", "p", KubePatch.Merge(patch, pod.Metadata.ResourceVersion)));
    }

    [Fact]
    public async Task Delete_sends_the_propagation_policy_and_a_second_delete_throws_not_found()
    {
        Fake.Seed(Pod("p"));

        await Client.DeleteAsync(KubeResources.Pods, "kafka", "p", new DeleteOptions { PropagationPolicy = "Foreground" });

        Assert.Equal("Foreground", Fake.Requests.Where(r => r.Verb == "delete").Single().Detail);
        Assert.Null(Fake.Get("", "pods", "kafka", "p"));
        await Assert.ThrowsAsync<KubeNotFoundException>(() => Client.DeleteAsync(KubeResources.Pods, "kafka", "p"));
    }

    [Fact]
    public async Task Delete_with_a_stale_precondition_throws_conflict()
    {
        var pod = await Client.CreateAsync(KubeResources.Pods, Pod("p"));
        Fake.Put(PodJson("p", extraLabel: "changed"));

        await Assert.ThrowsAsync<KubeConflictException>(() =>
            Client.DeleteAsync(KubeResources.Pods, "kafka", "p", new DeleteOptions { PreconditionResourceVersion = pod.Metadata.ResourceVersion }));
    }

    [Fact]
    public async Task Watch_streams_added_modified_deleted_and_bookmarks_from_a_resource_version()
    {
        var list = await Client.ListAsync<V1Pod>(KubeResources.Pods, "kafka");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<(WatchEventType, string?)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in Client.WatchAsync<V1Pod>(KubeResources.Pods, "kafka", new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, AllowWatchBookmarks = true }, cts.Token))
            {
                lock (seen) seen.Add((e.Type, e.Type == WatchEventType.Bookmark ? null : e.Object.Name));
                if (e.Type == WatchEventType.Bookmark) return;
            }
        });
        Fake.Put(PodJson("w"));
        Fake.Put(PodJson("w", extraLabel: "2"));
        Fake.Delete("", "pods", "kafka", "w");

        await watching.WaitAsync(cts.Token);
        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w"), (WatchEventType.Bookmark, null)], seen);
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_throws_gone()
    {
        var list = await Client.ListAsync<V1Pod>(KubeResources.Pods, "kafka");
        Fake.Seed(Pod("x"));
        Fake.CompactHistory();

        await Assert.ThrowsAsync<KubeGoneException>(async () =>
        {
            await foreach (var _ in Client.WatchAsync<V1Pod>(KubeResources.Pods, "kafka", new ListOptions { ResourceVersion = list.Metadata.ResourceVersion }))
            {
            }
        });
    }

    [Fact]
    public async Task Metadata_reads_never_carry_secret_data()
    {
        Fake.Seed(Secret("my-cluster-cluster-ca", data: new() { ["ca.key"] = "UFJJVkFURQ==" }, labels: new() { ["strimzi.io/component-type"] = "certificate-authority" }));

        var one = await Client.GetMetadataAsync<V1Secret>(KubeResources.Secrets, "kafka", "my-cluster-cluster-ca");
        var list = await Client.ListAsync<V1Secret>(KubeResources.Secrets, "kafka", new ListOptions { MetadataOnly = true });

        Assert.Null(one.Data);
        Assert.Equal("Secret", one.Kind);
        Assert.Null(Assert.Single(list.Items).Data);
        Assert.All(Fake.Requests.All, r => Assert.True(r.MetadataOnly));
    }

    [Fact]
    public async Task Reads_are_retried_on_server_errors()
    {
        Fake.Seed(Pod("p"));
        Fake.Faults.Fail(500, times: 1);
        Fake.Faults.Fail(503, times: 1);

        var pod = await Client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p");

        Assert.Equal("p", pod.Name);
        Assert.Equal(3, Fake.Requests.Count("get", "pods"));
    }

    [Fact]
    public async Task Writes_are_not_retried_on_server_errors()
    {
        Fake.Faults.Fail(503, times: 1);

        var e = await Assert.ThrowsAsync<KubeServerErrorException>(() => Client.CreateAsync(KubeResources.Pods, Pod("p")));

        Assert.Equal(503, e.StatusCode);
        Assert.Equal(1, Fake.Requests.Count("create", "pods"));
    }

    [Fact]
    public async Task Too_many_requests_is_retried_for_writes_after_retry_after()
    {
        Fake.Faults.Throttle(retryAfterSeconds: 1, times: 1);
        var started = DateTime.UtcNow;

        await Client.CreateAsync(KubeResources.Pods, Pod("p"));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the client should honour Retry-After");
        Assert.Equal(2, Fake.Requests.Count("create", "pods"));
    }

    [Fact]
    public async Task Too_many_requests_past_the_retries_carries_retry_after()
    {
        using var noRetry = Fake.CreateClient(Fast with { MaxRetries = 0 });
        Fake.Faults.Throttle(retryAfterSeconds: 7, times: 1);

        var e = await Assert.ThrowsAsync<KubeTooManyRequestsException>(() => noRetry.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));

        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
    }

    [Fact]
    public async Task Forbidden_and_unauthorized_answers_become_typed_errors_that_say_what_to_fix()
    {
        Fake.Faults.Fail(403, times: 1);
        var forbidden = await Assert.ThrowsAsync<KubeForbiddenException>(() => Client.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));
        Assert.Contains("RBAC", forbidden.Message);

        using var wrongToken = new KubeApiClient(Fake.KubeConfig("wrong"), Fast);
        var unauthorized = await Assert.ThrowsAsync<KubeUnauthorizedException>(() => wrongToken.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));
        Assert.Contains("token", unauthorized.Message);
    }

    [Fact]
    public async Task A_call_that_outlives_its_timeout_fails_with_a_timeout()
    {
        using var impatient = Fake.CreateClient(Fast with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 });
        Fake.Faults.Latency = TimeSpan.FromSeconds(3);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => impatient.GetAsync<V1Pod>(KubeResources.Pods, "kafka", "p"));

        Assert.Contains("within", e.Message);
    }

    [Fact]
    public async Task Unserved_resources_answer_not_found()
    {
        await Assert.ThrowsAsync<KubeNotFoundException>(() => Client.ListAsync<Kafka>(KubeResources.Kafkas.WithVersion("v1"), null));
    }
}
