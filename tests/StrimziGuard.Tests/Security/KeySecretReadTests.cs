using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Commands;
using StrimziGuard.Core.Api;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using StrimziGuard.Tests.Web;

namespace StrimziGuard.Tests.Security;

/// <summary>
/// The CA key Secrets are only ever read as metadata: a serve-like run (watch caches, leader election, both controllers, admission of the
/// operator's pod delete and create, a key Secret changing, a watch resumed or relisted after a compaction) against the fake API server (a test double), then
/// the request log is searched for any Secret read that could have returned data. The controllers' own reads are asserted in
/// CaGenerationControllerTests.The_CA_key_Secret_is_only_ever_read_as_metadata.
/// </summary>
public sealed class KeySecretReadTests
{
    [Fact]
    public async Task Across_a_serve_like_run_only_the_public_ca_cert_Secrets_are_ever_read_in_full()
    {
        await using var fake = await FakeApiServer.StartAsync();
        fake.Seed(
            RotationState.CertSecret(4, 1), RotationState.KeySecret(1),
            RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, 0), ("my-cluster-broker-2", 3, 0)),
            Pod("my-cluster-broker-0"), Pod("my-cluster-broker-1"), Pod("my-cluster-broker-2"));
        var kubeconfig = Path.GetTempFileName();
        await File.WriteAllTextAsync(kubeconfig, fake.KubeconfigYaml());
        await using (var live = LiveCluster.Connect(kubeconfig, null, loggers: NullLoggerFactory.Instance))
        await using (var server = await TestServer.StartAsync(s => s with { OnTrigger = live.OnTrigger }, live.Snapshots))
        {
            live.Start(server.Server);
            await Eventually.Value(async () => (int)(await server.Client.GetAsync(server.Url("/readyz"))).StatusCode, code => code == 200, "/readyz 200");
            using (var response = await server.PostAsync("/validate/ca-generation", await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "pod-delete-by-cluster-operator.json"))))
                Assert.Equal(200, (int)response.StatusCode);
            using (var response = await server.PostAsync("/mutate/ca-generation", await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "pod-create-by-cluster-operator-during-key-replacement.json"))))
                Assert.Equal(200, (int)response.StatusCode);
            fake.Seed(RotationState.KeySecret(2));
            fake.CompactHistory();
            fake.Faults.DropWatches();
            // The watch resumes (or relists, when its resourceVersion predates the compaction): either way Secrets are read again.
            await Eventually.True(() => fake.Requests.Where(r => r.Resource == "secrets" && r.Verb is "list" or "watch").Count >= 3, "the Secrets were read again");
        }
        File.Delete(kubeconfig);

        var secretReads = fake.Requests.Where(r => r.Resource == "secrets" && r.Verb is "get" or "list" or "watch");
        Assert.Contains(secretReads, r => r.MetadataOnly);
        var full = secretReads.Where(r => !r.MetadataOnly).ToList();
        Assert.All(full, r => Assert.True(r.Verb == "get" && r.Name?.EndsWith("-ca-cert", StringComparison.Ordinal) == true, $"full read: {r}"));
        Assert.DoesNotContain(fake.Requests.All, r => r.Resource == "secrets" && r.Verb is "create" or "update" or "patch" or "delete");
    }

    private static V1Pod Pod(string name) => KubeJson.Read<V1Pod>(RotationState.Pod(name, 3, 0));
}
