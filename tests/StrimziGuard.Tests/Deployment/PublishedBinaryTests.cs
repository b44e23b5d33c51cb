using System.Diagnostics;
using System.Net.Sockets;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// The publish step the container image is built from (src/StrimziGuard/Dockerfile): a self-contained linux-x64 build whose
/// <c>strimzi-guard</c> starts and answers <c>/readyz</c>. CI publishes once and names the directory in STRIMZI_GUARD_PUBLISHED;
/// without it the test publishes into a temp directory itself (a minute or two).
/// </summary>
public sealed class PublishedBinaryTests
{
    [Fact]
    public async Task The_published_self_contained_binary_answers_readyz_under_serve_dev()
    {
        if (!OperatingSystem.IsLinux() || RuntimeArchitecture() != "x64") return;
        var dir = Environment.GetEnvironmentVariable("STRIMZI_GUARD_PUBLISHED") is { Length: > 0 } given ? given : await PublishAsync();
        var binary = Path.Combine(dir, "strimzi-guard");
        Assert.True(File.Exists(binary), $"{binary} was not published");

        var version = await RunAsync(binary, "--version");
        Assert.StartsWith($"strimzi-guard {StrimziGuard.BuildInfo.Version} (commit ", version);

        var port = FreePort();
        var start = new ProcessStartInfo(binary, ["serve", "--dev", "--listen", $"https://127.0.0.1:{port}", "--metrics-listen", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Combine(),
        };
        using var process = Process.Start(start)!;
        try
        {
            using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
            var deadline = Stopwatch.StartNew();
            string? answer = null;
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                try
                {
                    using var response = await client.GetAsync($"https://127.0.0.1:{port}/readyz");
                    if (response.IsSuccessStatusCode) { answer = await response.Content.ReadAsStringAsync(); break; }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(50);
            }
            Assert.True(answer is not null, $"no 200 from /readyz within 60 s; exited: {process.HasExited}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string RuntimeArchitecture() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("strimzi-guard-publish-").FullName;
        var result = await RunAsync("dotnet", "publish", RepositoryRoot.Combine("src", "StrimziGuard"), "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", output);
        Assert.True(File.Exists(Path.Combine(output, "strimzi-guard")), result);
        return output;
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return await stdout + await stderr;
    }
}
