using StrimziGuard.Core.Api;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Tests.Commands;

/// <summary>
/// <c>serve</c> in its own process on a fresh install, against the fake API server (a test double, not a cluster): no serving Secret
/// yet and no certificate files. One identity and one Lease: its leader issues the serving certificate the process then starts with,
/// and runs the controllers too.
/// </summary>
public sealed class ServeLeaderTests : FakeApiServerTest
{
    private readonly string dir = Directory.CreateTempSubdirectory("serve-leader-").FullName;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Mid key replacement, broker 0 already rolled onto the new key: the leader stamps broker 1's StrimziPodSet entry.
        Fake.Seed(
            RotationState.CertSecret(4, 1), RotationState.KeySecret(1),
            RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, 0)),
            KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-0", 3, 1)), KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-1", 3, 0)));
        await File.WriteAllTextAsync(Path.Combine(dir, "kubeconfig"), Fake.KubeconfigYaml());
    }

    public override async Task DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task On_a_fresh_install_one_Lease_holder_issues_the_serving_certificate_and_runs_the_controllers()
    {
        var environment = new Dictionary<string, string>
        {
            ["KUBECONFIG"] = Path.Combine(dir, "kubeconfig"), ["POD_NAME"] = "replica-a", ["POD_NAMESPACE"] = "strimzi-guard",
        };
        using var process = GuardProcess.Start(dir, environment, "serve",
            "--listen", $"https://127.0.0.1:{GuardProcess.FreePort()}", "--metrics-listen", $"http://127.0.0.1:{GuardProcess.FreePort()}",
            "--tls-cert", Path.Combine(dir, "absent", "tls.crt"), "--tls-key", Path.Combine(dir, "absent", "tls.key"), "--shutdown-delay", "0s");

        var log = await GuardProcess.ServeUntilAsync(process, () => Stamp() == "1", "the leader stamps broker 1's entry", TimeSpan.FromSeconds(90));

        Assert.True(Stamp() == "1", log);
        Assert.NotNull(Fake.Get("", "secrets", "strimzi-guard", "strimzi-guard-serving-cert"));
        // One Lease created, and every later Lease request names it.
        Assert.Equal(1, Fake.Requests.Count("create", "leases"));
        Assert.Equal(["strimzi-guard-leader"], Fake.Requests.Where(r => r.Resource == "leases" && r.Verb != "create").Select(r => r.Name).Distinct());
        Assert.Equal("replica-a", (string?)Fake.Get("coordination.k8s.io", "leases", "strimzi-guard", "strimzi-guard-leader")?["spec"]?["holderIdentity"]);
        Assert.Contains("leadership term started: serving-certificate, controllers", log, StringComparison.Ordinal);
    }

    private string? Stamp() =>
        (string?)Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!["spec"]!["pods"]![1]!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"];
}
