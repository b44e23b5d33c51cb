using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestObjects;

namespace StrimziGuard.Kubernetes.Tests.FakeApi;

/// <summary>The test double's own semantics, checked with a plain HttpClient so they do not depend on our Client.</summary>
public sealed class FakeApiServerTests : FakeApiServerTest
{
    private HttpClient http = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        http = new HttpClient { BaseAddress = Fake.BaseAddress };
    }

    public override async Task DisposeAsync()
    {
        http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Create_of_a_taken_name_answers_409_AlreadyExists_with_a_Status_body()
    {
        Assert.Equal(HttpStatusCode.Created, (await Send("POST", "/api/v1/namespaces/kafka/pods", PodJson("p"))).Code);

        var (code, body) = await Send("POST", "/api/v1/namespaces/kafka/pods", PodJson("p"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("AlreadyExists", (string?)body["reason"]);
        Assert.Equal("p", (string?)body["details"]!["name"]);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_answers_409_Conflict_and_resource_versions_increase()
    {
        var (_, created) = await Send("POST", "/api/v1/namespaces/kafka/pods", PodJson("p"));
        var (_, updated) = await Send("PUT", "/api/v1/namespaces/kafka/pods/p", created);

        var (code, body) = await Send("PUT", "/api/v1/namespaces/kafka/pods/p", created);

        Assert.True(long.Parse((string)updated["metadata"]!["resourceVersion"]!) > long.Parse((string)created["metadata"]!["resourceVersion"]!));
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", (string?)body["reason"]);
    }

    [Fact]
    public async Task Json_patch_whose_test_fails_answers_422_and_changes_nothing()
    {
        await Send("POST", "/api/v1/namespaces/kafka/pods", PodJson("p"));
        var patch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = "1" },
            new JsonObject { ["op"] = "add", ["path"] = "/metadata/annotations", ["value"] = new JsonObject { ["a"] = "b" } });

        var (code, body) = await Send("PATCH", "/api/v1/namespaces/kafka/pods/p", patch, "application/json-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Null(Fake.Get("", "pods", "kafka", "p")!["metadata"]!["annotations"]);
    }

    [Fact]
    public async Task Json_patch_applies_every_operation_in_order_with_its_own_implementation()
    {
        await Send("POST", "/api/v1/namespaces/kafka/pods", PodJson("p"));
        var rv = (string)Fake.Get("", "pods", "kafka", "p")!["metadata"]!["resourceVersion"]!;
        var patch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = rv },
            new JsonObject { ["op"] = "add", ["path"] = "/metadata/annotations", ["value"] = new JsonObject { ["strimzi.io~x"] = "1", ["a/b"] = "2" } },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/annotations/a~1b", ["value"] = "3" },
            new JsonObject { ["op"] = "copy", ["from"] = "/metadata/annotations/a~1b", ["path"] = "/metadata/annotations/c" },
            new JsonObject { ["op"] = "move", ["from"] = "/metadata/annotations/strimzi.io~0x", ["path"] = "/metadata/annotations/d" },
            new JsonObject { ["op"] = "add", ["path"] = "/spec", ["value"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "kafka" }) } },
            new JsonObject { ["op"] = "add", ["path"] = "/spec/containers/-", ["value"] = new JsonObject { ["name"] = "sidecar" } },
            new JsonObject { ["op"] = "add", ["path"] = "/spec/containers/0", ["value"] = new JsonObject { ["name"] = "first" } },
            new JsonObject { ["op"] = "remove", ["path"] = "/spec/containers/1" },
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/annotations", ["value"] = new JsonObject { ["a/b"] = "3", ["c"] = "3", ["d"] = "1" } });

        var (code, body) = await Send("PATCH", "/api/v1/namespaces/kafka/pods/p", patch, "application/json-patch+json");

        Assert.True(code == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(["first", "sidecar"], body["spec"]!["containers"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Theory]
    [InlineData("""[{"op": "remove", "path": "/metadata/annotations/missing"}]""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""[{"op": "replace", "path": "/metadata/nothing", "value": 1}]""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""[{"op": "add", "path": "/no/parent", "value": 1}]""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""[{"op": "test", "path": "/metadata/name", "value": "q"}]""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""[{"op": "jump", "path": "/metadata/name"}]""", HttpStatusCode.BadRequest)]
    [InlineData("""{"op": "add"}""", HttpStatusCode.BadRequest)]
    public async Task A_json_patch_that_does_not_apply_is_422_and_one_that_is_not_a_patch_is_400_as_in_the_API_server(string patch, HttpStatusCode expected)
    {
        await Send("POST", "/api/v1/namespaces/kafka/pods", PodJson("p"));
        var before = Fake.Get("", "pods", "kafka", "p")!.ToJsonString();

        var (code, _) = await Send("PATCH", "/api/v1/namespaces/kafka/pods/p", JsonNode.Parse(patch)!, "application/json-patch+json");

        Assert.Equal(expected, code);
        Assert.Equal(before, Fake.Get("", "pods", "kafka", "p")!.ToJsonString());
    }

    [Fact]
    public async Task Strategic_merge_patch_is_refused_as_unsupported()
    {
        await Send("POST", "/api/v1/namespaces/kafka/pods", PodJson("p"));

        var (code, _) = await Send("PATCH", "/api/v1/namespaces/kafka/pods/p", new JsonObject(), "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
    }

    [Fact]
    public async Task Paging_returns_each_object_once_and_a_continue_token_after_compaction_answers_410()
    {
        for (var i = 0; i < 5; i++) Fake.Put(PodJson($"p{i}"));

        var (_, page1) = await Send("GET", "/api/v1/pods?limit=2");
        var token = Uri.EscapeDataString((string)page1["metadata"]!["continue"]!);
        Fake.Put(PodJson("late"));
        var (_, page2) = await Send("GET", $"/api/v1/pods?limit=2&continue={token}");
        var (_, page3) = await Send("GET", $"/api/v1/pods?limit=2&continue={Uri.EscapeDataString((string)page2["metadata"]!["continue"]!)}");
        Fake.CompactHistory();
        var (expired, _) = await Send("GET", $"/api/v1/pods?limit=2&continue={token}");

        var names = new[] { page1, page2, page3 }.SelectMany(p => p["items"]!.AsArray()).Select(i => (string)i!["metadata"]!["name"]!);
        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], names);
        Assert.Equal(3L, (long)page1["metadata"]!["remainingItemCount"]!);
        Assert.Null(page3["metadata"]!["continue"]);
        Assert.Equal(HttpStatusCode.Gone, expired);
    }

    [Fact]
    public async Task Metadata_lists_are_PartialObjectMetadataList_and_a_mismatched_accept_is_406()
    {
        Fake.Seed(Secret("s", data: new() { ["k"] = "dg==" }));

        var (code, list) = await Send("GET", "/api/v1/namespaces/kafka/secrets", accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
        var (wrong, _) = await Send("GET", "/api/v1/namespaces/kafka/secrets", accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("PartialObjectMetadataList", (string?)list["kind"]);
        var item = list["items"]![0]!.AsObject();
        Assert.Equal("PartialObjectMetadata", (string?)item["kind"]);
        Assert.False(item.ContainsKey("data"));
        Assert.Equal(HttpStatusCode.NotAcceptable, wrong);
    }

    [Fact]
    public async Task A_filtered_watch_sees_a_label_change_across_its_selector_as_added_then_deleted()
    {
        var (_, list) = await Send("GET", "/api/v1/pods");
        var rv = (string)list["metadata"]!["resourceVersion"]!;
        Fake.Put(PodJson("p"));
        Fake.Put(PodJson("p", extraLabel: "on"));
        Fake.Put(PodJson("p"));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = await http.GetStreamAsync($"/api/v1/pods?watch=true&labelSelector=step%3Don&resourceVersion={rv}", cts.Token);
        using var reader = new StreamReader(stream);
        var first = JsonNode.Parse((await reader.ReadLineAsync(cts.Token))!)!;
        var second = JsonNode.Parse((await reader.ReadLineAsync(cts.Token))!)!;

        Assert.Equal("ADDED", (string?)first["type"]);
        Assert.Equal("DELETED", (string?)second["type"]);
    }

    [Fact]
    public async Task The_request_log_counts_requests_per_verb_and_resource()
    {
        Fake.Seed(Pod("p"));
        await Send("GET", "/api/v1/namespaces/kafka/pods/p");
        await Send("GET", "/api/v1/namespaces/kafka/pods");
        await Send("GET", "/api/v1/namespaces/kafka/secrets");
        await Send("DELETE", "/api/v1/namespaces/kafka/pods/p");

        var counts = Fake.Requests.CountsByVerbAndResource();

        Assert.Equal(1, counts["get pods"]);
        Assert.Equal(1, counts["list pods"]);
        Assert.Equal(1, counts["list secrets"]);
        Assert.Equal(1, counts["delete pods"]);
        Assert.Equal(4, Fake.Requests.Total);
    }

    [Fact]
    public async Task Injected_faults_answer_in_order_then_normal_service_resumes()
    {
        Fake.Faults.Fail(500, times: 1);
        Fake.Faults.Throttle(retryAfterSeconds: 3, times: 1);

        var (first, _) = await Send("GET", "/api/v1/pods");
        using var throttled = await http.GetAsync("/api/v1/pods");
        var (third, _) = await Send("GET", "/api/v1/pods");

        Assert.Equal(HttpStatusCode.InternalServerError, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, third);
    }

    private async Task<(HttpStatusCode Code, JsonObject Body)> Send(string method, string path, JsonNode? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }
}
