using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Testing;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortGuardPolicyPolicyTests
{
    private const string Guard = "system:serviceaccount:strimzi-guard:strimzi-guard";
    private static readonly AdmissionDispatcher Dispatcher = new(PolicyCatalog.Default);

    private static V1NetworkPolicy GuardPolicy() => AgentPortPlanner.Desired(Kafka(), Snapshot(), GuardOptions.Default).Single();

    [Fact]
    public void A_user_may_not_delete_the_guard_policy()
    {
        var decision = Dispatcher.Review(Requests.Delete(KubeJson.ToNode(GuardPolicy())), Snapshot(), GuardOptions.Default);
        Assert.False(decision.Allowed);
        Assert.StartsWith("[agent-port] metadata.name: NetworkPolicy my-cluster-kafka-agent-guard is a strimzi-guard policy", decision.Message);
        Assert.Contains($"may only be deleted by {Guard}", decision.Message);
    }

    [Fact]
    public void A_user_may_not_change_the_guard_policy_nor_strip_its_labels()
    {
        var old = GuardPolicy();
        var widened = KubeJson.Clone(old);
        widened.Spec!.Ingress![0].From = null;
        Assert.False(Dispatcher.Review(Requests.Update(old, widened), Snapshot(), GuardOptions.Default).Allowed);
        var unlabelled = KubeJson.Clone(old);
        unlabelled.Metadata.Labels = null;
        Assert.False(Dispatcher.Review(Requests.Update(old, unlabelled), Snapshot(), GuardOptions.Default).Allowed);
    }

    [Fact]
    public void A_user_may_not_create_a_policy_that_poses_as_a_guard_policy()
    {
        var squatter = Policy("my-cluster-kafka-agent-guard", "podSelector: {matchLabels: {app: none}}");
        Assert.False(Dispatcher.Review(Requests.Create(squatter), Snapshot(), GuardOptions.Default).Allowed);
        var forged = Policy("innocent", "podSelector: {matchLabels: {app: none}}");
        forged.Metadata.Labels = AgentPortGuardPolicy.Labels("my-cluster");
        Assert.False(Dispatcher.Review(Requests.Create(forged), Snapshot(), GuardOptions.Default).Allowed);
    }

    [Theory]
    [InlineData(Guard)]
    [InlineData("system:serviceaccount:kube-system:generic-garbage-collector")]
    [InlineData("system:serviceaccount:kube-system:namespace-controller")]
    public void The_guard_and_Kubernetes_cleanup_controllers_may_write_it(string user)
    {
        Assert.True(Dispatcher.Review(Requests.Delete(KubeJson.ToNode(GuardPolicy()), user), Snapshot(), GuardOptions.Default).Allowed);
        Assert.True(Dispatcher.Review(Requests.Create(KubeJson.ToNode(GuardPolicy()), user), Snapshot(), GuardOptions.Default).Allowed);
    }

    [Fact]
    public void The_guards_identity_is_configurable()
    {
        var options = GuardOptions.Default with { AgentPort = new() { GuardUsername = "system:serviceaccount:security:guard" } };
        Assert.True(Dispatcher.Review(Requests.Delete(KubeJson.ToNode(GuardPolicy()), "system:serviceaccount:security:guard"), Snapshot(), options).Allowed);
        Assert.False(Dispatcher.Review(Requests.Delete(KubeJson.ToNode(GuardPolicy()), Guard), Snapshot(), options).Allowed);
    }

    [Fact]
    public void Other_policies_may_be_deleted_by_anyone() =>
        Assert.True(Dispatcher.Review(Requests.Delete(KubeJson.ToNode(StrimziPolicy("namespace-labels"))), Snapshot(), GuardOptions.Default).Allowed);
}
