using System.Text;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Web;

namespace StrimziGuard.Tests.Web;

public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Uid = "5a1c0f5e-0000-4000-8000-00000000bad1";

    private const long SevenMiB = 7 * 1024 * 1024;

    private static readonly string Valid = File.ReadAllText(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));

    private TestServer Server => fixture.Server;

    public static TheoryData<string, string?, string, int, string, bool> Cases() => new()
    {
        { "no content type", null, Valid, 400, "Content-Type is missing", false },
        { "text/plain", "text/plain", Valid, 400, "only application/json is accepted", false },
        { "yaml", "application/yaml", "apiVersion: admission.k8s.io/v1", 400, "only application/json is accepted", false },
        { "malformed JSON", "application/json", "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {", 400, "malformed JSON", false },
        { "empty body", "application/json", "", 400, "malformed JSON", false },
        { "not an object", "application/json", "[1, 2]", 400, "the body is not a JSON object", false },
        { "no request", "application/json", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", 400, "request is missing", false },
        { "v1beta1", "application/json", $"{{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{{\"uid\":\"{Uid}\"}}}}", 400, "only admission.k8s.io/v1 is served", true },
        { "request without operation", "application/json", $"{{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{{\"uid\":\"{Uid}\"}}}}", 400, "request.operation is missing", true },
        { "json with charset", "application/json; charset=utf-8", Valid, 200, "", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_its_status_and_a_one_line_reason_with_the_uid_when_there_was_one(
        string name, string? contentType, string body, int status, string reason, bool echoesUid)
    {
        using var response = await Server.PostAsync("/validate/cert-lifetime", Encoding.UTF8.GetBytes(body), contentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        Assert.NotNull(response.Content.Headers.ContentLength);
        var answer = JsonNode.Parse(text)!["response"]!;
        var uid = (string?)answer["uid"];
        if (echoesUid) Assert.False(string.IsNullOrEmpty(uid), name);
        if (status == 200) return;
        Assert.False((bool)answer["allowed"]!);
        Assert.Equal(status, (int)answer["status"]!["code"]!);
        var message = (string)answer["status"]!["message"]!;
        Assert.Contains(reason, message);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public async Task A_body_of_exactly_7_MiB_is_read_and_one_byte_more_is_413()
    {
        var exact = Padded(SevenMiB);
        using (var ok = await Server.PostAsync("/validate/cert-lifetime", exact))
            Assert.Equal(200, (int)ok.StatusCode);

        // With Content-Length over the cap the server answers before reading a byte of the body and closes the connection. A client
        // that waits for "100 Continue" (curl does for large bodies) reads the 413; one that streams the body first may see the close.
        using var content = new ByteArrayContent(Padded(SevenMiB + 1));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Url("/validate/cert-lifetime")) { Content = content };
        request.Headers.ExpectContinue = true;
        using var tooLarge = await Server.Client.SendAsync(request);
        Assert.Equal(413, (int)tooLarge.StatusCode);
        Assert.Contains("larger than 7 MiB", await tooLarge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_7_MiB_without_content_length_is_413()
    {
        using var content = new StreamContent(new MemoryStream(Padded(SevenMiB + 1)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Url("/validate/cert-lifetime")) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Server.Client.SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task An_exception_outside_the_policies_becomes_an_errored_review_for_that_uid_without_a_stack_trace()
    {
        await using var server = await TestServer.StartAsync(snapshots: new ThrowingSnapshots());
        var body = Encoding.UTF8.GetBytes(Valid);
        using var response = await server.PostAsync("/validate/cert-lifetime", body);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((string?)JsonNode.Parse(Valid)!["request"]!["uid"], (string?)answer["uid"]);
        Assert.False((bool)answer["allowed"]!);
        Assert.Equal(500, (int)answer["status"]!["code"]!);
        Assert.DoesNotContain("snapshot store exploded", (string)answer["status"]!["message"]!);
        Assert.Contains(server.Logs.GetSnapshot(), e => e.Message.Contains("failed", StringComparison.Ordinal));
    }

    /// <summary>A valid review padded with trailing whitespace to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Padded(long size)
    {
        var review = Encoding.UTF8.GetBytes(Valid);
        var body = new byte[size];
        review.CopyTo(body, 0);
        body.AsSpan(review.Length).Fill((byte)' ');
        return body;
    }

    private sealed class ThrowingSnapshots : ISnapshotProvider
    {
        public ClusterSnapshot Current => throw new InvalidOperationException("snapshot store exploded");

        public string? NotReadyReason => null;
    }
}
