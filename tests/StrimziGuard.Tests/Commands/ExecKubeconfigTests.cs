using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StrimziGuard.Commands;
using StrimziGuard.Core.Api;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using StrimziGuard.Tests.Web;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Tests.Commands;

/// <summary>
/// <c>reconcile --once</c> and <c>serve</c> as a user runs them: in their own process, with <c>KUBECONFIG</c> naming two files, the
/// cluster and context in one and, in the other, a user whose only credential is an <c>exec</c> plugin (as EKS, GKE and AKS
/// kubeconfigs have). Against the fake API server, a test double that accepts only the plugin's token.
/// </summary>
public sealed class ExecKubeconfigTests : IAsyncLifetime
{
    private const string Token = "token-from-the-exec-plugin";
    private readonly string dir = Directory.CreateTempSubdirectory("exec-kubeconfig-").FullName;
    private FakeApiServer fake = null!;
    private string kubeconfigList = "";

    public async Task InitializeAsync()
    {
        fake = await FakeApiServer.StartAsync(new FakeApiServerOptions { BearerToken = Token });
        // Mid key replacement, broker 0 already rolled onto the new key: the leader stamps broker 1's StrimziPodSet entry.
        fake.Seed(
            RotationState.CertSecret(4, 1), RotationState.KeySecret(1),
            RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, 0)),
            KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-0", 3, 1)), KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-1", 3, 0)));
        var clusters = Path.Combine(dir, "clusters");
        var users = Path.Combine(dir, "users");
        File.WriteAllText(clusters, Kubeconfigs.Config(fake.BaseAddress.ToString().TrimEnd('/'), user: null));
        File.WriteAllText(users, Kubeconfigs.UserOnly(Kubeconfigs.ExecUser(Kubeconfigs.ExecPlugin(dir, Token))));
        kubeconfigList = clusters + Path.PathSeparator + users;
    }

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Reconcile_once_with_a_merged_KUBECONFIG_and_an_exec_plugin_stamps_the_StrimziPodSet()
    {
        using var process = Start("reconcile", "--once");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("patch strimzipodsets.core.strimzi.io kafka/my-cluster-broker", await output);
        Assert.Equal("1", Stamp());
        Assert.All(fake.Requests.All, r => Assert.Equal((Token, true), (r.BearerToken, r.StatusCode is >= 200 and < 300)));
    }

    [Fact]
    public async Task Serve_with_a_merged_KUBECONFIG_and_an_exec_plugin_leads_and_stamps_the_StrimziPodSet()
    {
        using var certs = DevCertificates.Create(Directory.CreateDirectory(Path.Combine(dir, "certs")).FullName);
        using var process = Start("serve", "--listen", $"https://127.0.0.1:{FreePort()}", "--metrics-listen", $"http://127.0.0.1:{FreePort()}",
            "--tls-cert", certs.CertFile, "--tls-key", certs.KeyFile, "--shutdown-delay", "0s");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            await Eventually.True(() => Stamp() == "1" || process.HasExited, "the leader stamps broker 1's entry", TimeSpan.FromSeconds(60));
            Assert.False(process.HasExited, "serve stopped");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.True(Stamp() == "1", await error);
        Assert.All(fake.Requests.All, r => Assert.Equal(Token, r.BearerToken));
        Assert.DoesNotContain(fake.Requests.All, r => r.StatusCode == 401);
    }

    private string? Stamp() =>
        (string?)fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!["spec"]!["pods"]![1]!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"];

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "strimzi-guard.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["KUBECONFIG"] = kubeconfigList;
        start.Environment["POD_NAMESPACE"] = "strimzi-guard";
        foreach (var variable in new[] { "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "KUBERNETES_SERVICE_HOST" }) start.Environment.Remove(variable);
        return Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
