using StrimziGuard.Core.Api;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Tests.Commands;

/// <summary><c>reconcile --once</c> against the fake API server (a test double with the API's semantics, not a cluster), through a kubeconfig file.</summary>
public sealed class ReconcileCommandTests : FakeApiServerTest
{
    private string kubeconfig = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        kubeconfig = Path.GetTempFileName();
        File.WriteAllText(kubeconfig, Fake.KubeconfigYaml());
    }

    [Fact]
    public void One_pass_over_an_empty_cluster_makes_no_writes_and_exits_0()
    {
        var r = CliRunner.Run("reconcile", "--once", "--kubeconfig", kubeconfig);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.EndsWith("0 writes, 0 failed", r.Out.Trim());
    }

    [Fact]
    public void One_pass_mid_key_replacement_stamps_the_StrimziPodSet_and_prints_the_write()
    {
        SeedMidKeyReplacement();

        var r = CliRunner.Run("reconcile", "--once", "--kubeconfig", kubeconfig);

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("patch strimzipodsets.core.strimzi.io kafka/my-cluster-broker", r.Out);
        Assert.Equal("1", (string?)Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!["spec"]!["pods"]![1]!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"]);
    }

    [Fact]
    public void A_dry_run_mid_key_replacement_prints_the_planned_patch_and_sends_no_write()
    {
        SeedMidKeyReplacement();
        Fake.Requests.Clear();

        var r = CliRunner.Run("reconcile", "--once", "--dry-run", "--kubeconfig", kubeconfig);

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("would patch (application/json-patch+json) strimzipodsets.core.strimzi.io kafka/my-cluster-broker", r.Out);
        Assert.Contains("strimzi.io~1cluster-ca-key-generation", r.Out);
        Assert.Contains("planned, none made (dry run)", r.Out);
        Assert.Empty(Fake.Requests.Where(q => q.Verb is "create" or "update" or "patch" or "delete"));
        Assert.Equal("0", (string?)Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!["spec"]!["pods"]![1]!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"]);
    }

    [Theory]
    [InlineData("reconcile", "only --once is supported")]
    [InlineData("reconcile --once --kubeconfig /no/such/kubeconfig", "/no/such/kubeconfig")]
    public void Bad_usage_or_credentials_exit_2_with_one_line(string args, string expected)
    {
        var r = CliRunner.Run(args.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    /// <summary>Key generation 1 in the CA Secret, broker-0 already rolled onto it, both StrimziPodSet entries still at 0.</summary>
    private void SeedMidKeyReplacement() => Fake.Seed(
        RotationState.CertSecret(4, 1), RotationState.KeySecret(1),
        RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, 0)),
        KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-0", 3, 1)), KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-1", 3, 0)));
}
