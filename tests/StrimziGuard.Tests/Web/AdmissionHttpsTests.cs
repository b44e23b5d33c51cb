using System.Text;
using StrimziGuard.Commands;
using StrimziGuard.Core;

namespace StrimziGuard.Tests.Web;

public sealed class AdmissionHttpsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    public static TheoryData<string, string> ReviewsAndPaths()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(TestServer.Reviews, "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var webhook in PolicyCatalog.Default.Webhooks) data.Add(Path.GetFileName(file), webhook.Path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReviewsAndPaths))]
    public async Task Each_example_review_over_https_gets_the_same_bytes_as_review_with_that_path(string file, string path)
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, file));
        using var response = await Server.PostAsync(path, body);
        var served = await response.Content.ReadAsStringAsync();

        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(() => Stream.Null, output, error);
        var exit = await Cli.RunAsync(["review", Path.Combine(TestServer.Reviews, file), "--path", path, "--cluster-state", TestServer.ClusterState], console);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(exit is 0 or 1, error.ToString());
        Assert.Equal(output.ToString().TrimEnd('\n'), served);
        Assert.Equal(Encoding.UTF8.GetByteCount(served), response.Content.Headers.ContentLength);
    }

    [Fact]
    public void Every_example_review_is_larger_than_nothing_and_some_exceed_one_read_buffer()
    {
        // Bodies over Kestrel's 4 KiB read size arrive in several segments; the examples must exercise that path.
        Assert.Contains(Directory.GetFiles(TestServer.Reviews, "*.json"), f => new FileInfo(f).Length > 4096);
    }

    [Fact]
    public async Task A_denial_comes_back_as_http_200_with_allowed_false_and_code_403()
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-defaults-365d.json"));
        using var response = await Server.PostAsync("/validate/cert-lifetime", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("\"allowed\":false", text);
        Assert.Contains("\"code\":403", text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admission_path_answers_405_to_get()
    {
        using var response = await Server.Client.GetAsync(Server.Url("/validate/cert-lifetime"));
        Assert.Equal(405, (int)response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_path_answers_404()
    {
        using var response = await Server.PostAsync("/validate/nothing-here", Encoding.UTF8.GetBytes("{}"));
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Admission_is_not_served_over_plain_http_on_the_metrics_port()
    {
        using var plain = new HttpClient();
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json")));
        content.Headers.ContentType = new("application/json");
        using var response = await plain.PostAsync(new Uri(Server.Server.MetricsUri!, "/validate/cert-lifetime"), content);
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_ok_and_readyz_is_ready_with_a_certificate_and_a_snapshot()
    {
        Assert.Equal("ok\n", await Server.Client.GetStringAsync(Server.Url("/healthz")));
        using var ready = await Server.Client.GetAsync(Server.Url("/readyz"));
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.StartsWith("ok", await ready.Content.ReadAsStringAsync());
    }
}
