using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration;

public sealed class PodRollTriggerPolicyTests
{
    private static readonly ClusterSnapshot KeyAtOne = RotationState.Snapshot(RotationState.CertSecret(4, 1), RotationState.KeySecret(1));
    private static readonly AdmissionDispatcher Dispatcher = new(PolicyCatalog.Default);

    [Fact]
    public void Operator_deleting_a_pod_behind_on_the_key_queues_its_cluster_for_stamping()
    {
        var decision = Dispatcher.Review(Requests.Delete(RotationState.Pod("my-cluster-broker-1", 3, 0), Requests.Operator), KeyAtOne, GuardOptions.Default);
        Assert.True(decision.Allowed);
        Assert.Equal([new ReconcileTrigger("ca-generation", "kafka", "my-cluster")], decision.Triggers);
    }

    [Fact]
    public void Dry_run_delete_queues_nothing()
    {
        var request = Requests.Delete(RotationState.Pod("my-cluster-broker-1", 3, 0), Requests.Operator);
        request.DryRun = true;
        Assert.Empty(Dispatcher.Review(request, KeyAtOne, GuardOptions.Default).Triggers);
    }

    [Fact]
    public void Delete_of_a_pod_that_already_trusts_the_key_is_not_a_trust_roll() =>
        Assert.Empty(Dispatcher.Review(Requests.Delete(RotationState.Pod("my-cluster-broker-0", 3, 1), Requests.Operator), KeyAtOne, GuardOptions.Default).Triggers);

    [Fact]
    public void Delete_by_anyone_else_queues_nothing() =>
        Assert.Empty(Dispatcher.Review(Requests.Delete(RotationState.Pod("my-cluster-broker-1", 3, 0)), KeyAtOne, GuardOptions.Default).Triggers);

    [Fact]
    public void Delete_is_never_denied_even_for_a_pod_with_bad_values()
    {
        var pod = RotationState.Pod("my-cluster-broker-1", 3, 0);
        pod["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] = "bad";
        Assert.True(Dispatcher.Review(Requests.Delete(pod), KeyAtOne, GuardOptions.Default).Allowed);
    }
}
