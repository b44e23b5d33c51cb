using System.Diagnostics;
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
public sealed class ExecKubeconfigTests() : FakeApiServerTest(new FakeApiServerOptions { BearerToken = Token })
{
    private const string Token = "token-from-the-exec-plugin";
    private readonly string dir = Directory.CreateTempSubdirectory("exec-kubeconfig-").FullName;
    private string kubeconfigList = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Mid key replacement, broker 0 already rolled onto the new key: the leader stamps broker 1's StrimziPodSet entry.
        Fake.Seed(
            RotationState.CertSecret(4, 1), RotationState.KeySecret(1),
            RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, 0)),
            KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-0", 3, 1)), KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-1", 3, 0)));
        var clusters = Path.Combine(dir, "clusters");
        var users = Path.Combine(dir, "users");
        File.WriteAllText(clusters, Kubeconfigs.Config(Fake.BaseAddress.ToString().TrimEnd('/'), user: null));
        File.WriteAllText(users, Kubeconfigs.UserOnly(Kubeconfigs.ExecUser(Kubeconfigs.ExecPlugin(dir, Token))));
        kubeconfigList = clusters + Path.PathSeparator + users;
    }

    public override async Task DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        await base.DisposeAsync();
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
        Assert.All(Fake.Requests.All, r => Assert.Equal((Token, true), (r.BearerToken, r.StatusCode is >= 200 and < 300)));
    }

    [Fact]
    public async Task Serve_with_a_merged_KUBECONFIG_and_an_exec_plugin_leads_and_stamps_the_StrimziPodSet()
    {
        using var certs = DevCertificates.Create(Directory.CreateDirectory(Path.Combine(dir, "certs")).FullName);
        using var process = Start("serve", "--listen", $"https://127.0.0.1:{GuardProcess.FreePort()}", "--metrics-listen", $"http://127.0.0.1:{GuardProcess.FreePort()}",
            "--tls-cert", certs.CertFile, "--tls-key", certs.KeyFile, "--shutdown-delay", "0s");
        var log = await GuardProcess.ServeUntilAsync(process, () => Stamp() == "1", "the leader stamps broker 1's entry", TimeSpan.FromSeconds(60));

        Assert.True(Stamp() == "1", log);
        Assert.All(Fake.Requests.All, r => Assert.Equal(Token, r.BearerToken));
        Assert.DoesNotContain(Fake.Requests.All, r => r.StatusCode == 401);
    }

    private string? Stamp() =>
        (string?)Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!["spec"]!["pods"]![1]!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"];

    private Process Start(params string[] args) =>
        GuardProcess.Start(dir, new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfigList, ["POD_NAMESPACE"] = "strimzi-guard" }, args);
}
