using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

/// <summary>The ca-generation controller against the fake API server (a test double that keeps the API's semantics, not a cluster).</summary>
public sealed class CaGenerationControllerTests : FakeApiServerTest
{
    /// <summary>Mid key replacement (cert Secret 4 holding the v1 certificate, key Secret 1), entries still at key generation 0.</summary>
    private void SeedRotation(int ck0, int ck1 = 0, int ck2 = 0)
    {
        Fake.Seed(
            RotationState.CertSecret(4, 1),
            RotationState.KeySecret(1),
            RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, 0), ("my-cluster-broker-2", 3, 0)),
            Live("my-cluster-broker-0", ck0), Live("my-cluster-broker-1", ck1), Live("my-cluster-broker-2", ck2));
    }

    private static V1Pod Live(string name, int ck) => KubeJson.Read<V1Pod>(RotationState.Pod(name, 3, ck));

    private JsonArray Entries() => Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!["spec"]!["pods"]!.AsArray();

    private static string? Annotation(JsonNode? entry, string key) => (string?)entry!["metadata"]!["annotations"]![key];

    [Fact]
    public async Task Entries_behind_are_stamped_once_a_pod_of_the_cluster_trusts_the_new_key()
    {
        SeedRotation(ck0: 1);

        var first = await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController()], CancellationToken.None);
        var second = await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController()], CancellationToken.None);

        Assert.True(first.Succeeded, string.Join("; ", first.Failures));
        var write = Assert.Single(first.Writes);
        Assert.Equal(("patch", "kafka", "my-cluster-broker"), (write.Verb, write.Namespace, write.Name));
        Assert.All(Entries(), e => Assert.Equal("1", Annotation(e, "strimzi.io/cluster-ca-key-generation")));
        Assert.All(Entries(), e => Assert.Equal("3", Annotation(e, "strimzi.io/cluster-ca-cert-generation")));
        Assert.All(Entries(), e => Assert.Equal("5c1e2a9f", Annotation(e, "strimzi.io/revision")));
        Assert.Empty(second.Writes);
    }

    [Fact]
    public async Task Nothing_is_written_before_the_trust_roll_so_Strimzi_045_stamps_alone()
    {
        SeedRotation(ck0: 0);
        var report = await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController()], CancellationToken.None);
        Assert.Empty(report.Writes);
        Assert.Equal(0, Fake.Requests.Count("patch"));
    }

    [Fact]
    public async Task A_roll_seen_by_admission_starts_stamping_before_any_pod_is_recreated()
    {
        SeedRotation(ck0: 0);
        var signals = new RollSignals();
        signals.Signal("kafka", "my-cluster");

        var report = await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController(signals: signals)], CancellationToken.None);

        Assert.Single(report.Writes);
        Assert.All(Entries(), e => Assert.Equal("1", Annotation(e, "strimzi.io/cluster-ca-key-generation")));
    }

    [Fact]
    public async Task A_write_racing_the_operators_PUT_fails_its_test_changes_nothing_and_the_next_pass_has_nothing_to_do()
    {
        SeedRotation(ck0: 1);
        var stale = await ClusterCaches.Create(Client).LoadOnceAsync(CancellationToken.None);
        // The operator's KafkaReconciler PUTs the whole object meanwhile, with its own values (here: already stamped to 1).
        var sps = Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!;
        foreach (var entry in sps["spec"]!["pods"]!.AsArray()) entry!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] = "1";
        Fake.Put(sps);

        var racing = await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController()], stale, CancellationToken.None);
        var next = await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController()], CancellationToken.None);

        Assert.Single(racing.Failures);
        Assert.Empty(racing.Writes);
        Assert.Empty(next.Writes);
        Assert.All(Entries(), e => Assert.Equal("1", Annotation(e, "strimzi.io/cluster-ca-key-generation")));
    }

    [Fact]
    public async Task A_stale_cache_holding_a_lower_value_never_lowers_a_higher_one()
    {
        SeedRotation(ck0: 1);
        var stale = await ClusterCaches.Create(Client).LoadOnceAsync(CancellationToken.None);
        var sps = Fake.Get("core.strimzi.io", "strimzipodsets", "kafka", "my-cluster-broker")!;
        sps["spec"]!["pods"]![1]!["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] = "2";
        Fake.Put(sps);

        await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController()], stale, CancellationToken.None);

        Assert.Equal("2", Annotation(Entries()[1], "strimzi.io/cluster-ca-key-generation"));
    }

    [Theory]
    [InlineData(GuardMode.Off)]
    [InlineData(GuardMode.Audit)]
    public async Task Off_and_Audit_modes_write_nothing(GuardMode mode)
    {
        SeedRotation(ck0: 1);
        var options = GuardOptions.Default with { CaGeneration = new Core.Options.CaGenerationOptions { Mode = mode } };
        var gated = new GuardModeGate(new CaGenerationController(), GuardIds.CaGeneration, () => options);
        var report = await ControllerRunner.RunOnceAsync(Client, [gated], CancellationToken.None);
        Assert.Empty(report.Writes);
        Assert.Empty(Fake.Requests.Where(r => r.Verb is "create" or "update" or "patch" or "delete"));
        // Off lists no keys at all; Audit looks at the cluster and only logs what it would stamp.
        Assert.Equal(mode == GuardMode.Off ? 0 : 1, report.Keys);
        Assert.All(Entries(), e => Assert.Equal("0", Annotation(e, "strimzi.io/cluster-ca-key-generation")));
    }

    [Fact]
    public void The_controller_takes_the_trust_roll_trigger_of_the_pod_roll_policy_and_no_other_and_none_when_the_guard_is_off()
    {
        var signals = new RollSignals();
        var controller = new CaGenerationController(signals);
        var trustRoll = new ReconcileTrigger(Core.Guards.CaGeneration.PodRollTriggerPolicy.Controller, "kafka", "my-cluster");

        Assert.True(controller.Accept(trustRoll));
        Assert.False(controller.Accept(new ReconcileTrigger(GuardIds.AgentPort, "kafka", "other-cluster")));
        Assert.Equal(["kafka/my-cluster"], signals.Keys);
        var off = GuardOptions.Default with { CaGeneration = new Core.Options.CaGenerationOptions { Mode = GuardMode.Off } };
        var offSignals = new RollSignals();
        Assert.False(new GuardModeGate(new CaGenerationController(offSignals), GuardIds.CaGeneration, () => off).Accept(trustRoll));
        Assert.Empty(offSignals.Keys);
    }

    [Fact]
    public async Task The_CA_key_Secret_is_only_ever_read_as_metadata()
    {
        SeedRotation(ck0: 1);
        await ControllerRunner.RunOnceAsync(Client, [new CaGenerationController()], CancellationToken.None);

        var fullSecretReads = Fake.Requests.Where(r => r.Resource == "secrets" && !r.MetadataOnly);
        Assert.NotEmpty(Fake.Requests.Where(r => r.Resource == "secrets"));
        Assert.All(fullSecretReads, r => Assert.EndsWith("-ca-cert", r.Name));
    }
}
