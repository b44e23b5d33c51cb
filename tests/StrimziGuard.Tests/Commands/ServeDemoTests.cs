using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using StrimziGuard.Commands;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Commands;

public sealed partial class ServeDemoTests
{
    private static readonly string Reviews = RepositoryRoot.Combine("manifests", "examples", "admission-reviews");

    private static readonly string ClusterState = RepositoryRoot.Combine("manifests", "examples", "cluster-state");

    [Fact]
    public async Task Demo_sends_every_example_review_over_https_prints_a_table_and_exits_0()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Cli.RunAsync(["demo", "--reviews", Reviews, "--cluster-state", ClusterState], new CliConsole(() => Stream.Null, output, error));

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("REVIEW", text);
        foreach (var file in Directory.GetFiles(Reviews, "*.json")) Assert.Contains(Path.GetFileNameWithoutExtension(file), text);
        Assert.Contains("denied (403)", text);
        Assert.DoesNotContain("http 4", text);
        Assert.DoesNotContain("http 5", text);
    }

    [Fact]
    public async Task Demo_outside_the_repository_says_where_to_run_it_and_exits_2()
    {
        var r = await RunAsync("demo", "--reviews", Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid()));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("run demo from the repository root", r.Error);
    }

    [Fact]
    public async Task Serve_with_a_bad_config_exits_2_with_the_field_and_the_problem()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("serve-config-").FullName, "config.yaml");
        await File.WriteAllTextAsync(config, "certLifetime:\n  maxLifetime: 10m\n");
        var r = await RunAsync("serve", "--dev", "--config", config, "--listen", "https://127.0.0.1:0", "--metrics-listen", "http://127.0.0.1:0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("certLifetime.maxLifetime", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("serve --tls-cert a.crt")]
    [InlineData("serve --dev --listen http://127.0.0.1:0")]
    [InlineData("serve --dev --metrics-listen 127.0.0.1")]
    [InlineData("serve --dev --shutdown-delay 2m")]
    [InlineData("serve --dev --shutdown-delay -1s")]
    [InlineData("serve --dev --shutdown-delay soon")]
    public async Task Serve_usage_errors_exit_2(string command)
    {
        var r = await RunAsync(command.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("strimzi-guard: serve:", r.Error);
    }

    [Fact]
    public async Task A_port_already_in_use_is_one_line_and_exit_2()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var r = await RunAsync("serve", "--dev", "--listen", $"https://127.0.0.1:{port}", "--metrics-listen", "http://127.0.0.1:0", "--cluster-state", ClusterState);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"strimzi-guard: serve: --listen https://127.0.0.1:{port}: port {port} is already in use (another strimzi-guard?); stop that process or give another --listen", r.Error.TrimEnd());
    }

    [Fact]
    public async Task Serve_with_a_missing_certificate_exits_2()
    {
        var r = await RunAsync("serve", "--tls-cert", "/nonexistent/tls.crt", "--tls-key", "/nonexistent/tls.key", "--cluster-state", ClusterState, "--listen", "https://127.0.0.1:0", "--metrics-listen", "http://127.0.0.1:0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("serving certificate", r.Error);
    }

    [Fact]
    public async Task Serve_dev_prints_a_curl_line_whose_ca_and_url_answer_a_review_and_stops_cleanly()
    {
        var output = new StringWriter();
        var console = new CliConsole(() => Stream.Null, TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()));
        using var stop = new CancellationTokenSource();
        var serving = Cli.RunAsync(
            ["serve", "--dev", "--listen", "https://127.0.0.1:0", "--metrics-listen", "http://127.0.0.1:0", "--cluster-state", ClusterState], console, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Match curl;
        while (!(curl = CurlLine().Match(output.ToString())).Success)
        {
            Assert.False(serving.IsCompleted, "serve ended early: " + output);
            Assert.True(DateTime.UtcNow < deadline, "no curl line printed: " + output);
            await Task.Delay(20);
        }

        var ca = X509CertificateLoader.LoadCertificateFromFile(curl.Groups["ca"].Value);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && chain.Build((X509Certificate2)cert!);
                },
            },
        });
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Reviews, "kafka-create-defaults-365d.json")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(curl.Groups["url"].Value, content);
        Assert.Contains("\"allowed\":false", await response.Content.ReadAsStringAsync());

        stop.Cancel();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(File.Exists(curl.Groups["ca"].Value), "the throwaway CA should be deleted on exit");
    }

    private static async Task<CliRunner.Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(args, new CliConsole(() => Stream.Null, output, error));
        return new CliRunner.Result(code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"curl --cacert (?<ca>\S+) .* (?<url>https://127\.0\.0\.1:\d+/validate/cert-lifetime)")]
    private static partial Regex CurlLine();
}
