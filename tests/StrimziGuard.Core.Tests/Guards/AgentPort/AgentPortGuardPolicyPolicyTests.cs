using System.Text;
using StrimziGuard.Core.Admission;
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

    [Theory]
    [InlineData("my-cluster-kafka-agent-guard", null, "its name")]
    [InlineData("my-cluster-kafka\\u002dagent-guard", null, "its name, written with an escape")]
    [InlineData("innocent", "kafka-agent-guard", "its labels")]
    [InlineData("innocent", "kafka-agent\\u002Dguard", "its labels, written with an escape")]
    public void A_policy_posing_as_a_guard_policy_in_a_review_body_is_denied(string name, string? component, string by)
    {
        var labels = component is null ? "" : $", \"labels\": {{\"app.kubernetes.io/managed-by\": \"strimzi-guard\", \"app.kubernetes.io/component\": \"{component}\"}}";
        var request = FromBody($"{{\"metadata\": {{\"name\": \"{name}\", \"namespace\": \"{Ns}\"{labels}}}, \"spec\": {{\"podSelector\": {{\"matchLabels\": {{\"app\": \"none\"}}}}}}}}");

        var decision = Dispatcher.Review(request, Snapshot(), GuardOptions.Default);

        Assert.False(decision.Allowed, by);
        Assert.Contains("is a strimzi-guard policy", decision.Message);
    }

    [Fact]
    public void A_policy_in_a_review_body_that_does_not_mention_the_guard_is_not_the_guard_policys_concern()
    {
        var request = FromBody("""{"metadata": {"name": "allow-clients", "namespace": """ + $"\"{Ns}\"" + """, "labels": {"app.kubernetes.io/managed-by": "strimzi-guard"}}, "spec": {"podSelector": {"matchLabels": {"app": "none"}}}}""");

        var decision = Dispatcher.Review(request, Snapshot(), GuardOptions.Default);

        Assert.True(decision.Allowed);
        Assert.DoesNotContain(decision.Findings, f => f.PolicyId == "agent-port.guard-policy");
    }

    [Fact]
    public void Other_policies_may_be_deleted_by_anyone() =>
        Assert.True(Dispatcher.Review(Requests.Delete(KubeJson.ToNode(StrimziPolicy("namespace-labels"))), Snapshot(), GuardOptions.Default).Allowed);

    /// <summary>A CREATE as the API server sends it, read from the body's bytes as the webhook reads it.</summary>
    private static AdmissionRequest FromBody(string obj) => AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", "
        + "\"kind\": {\"group\": \"networking.k8s.io\", \"version\": \"v1\", \"kind\": \"NetworkPolicy\"}, "
        + "\"resource\": {\"group\": \"networking.k8s.io\", \"version\": \"v1\", \"resource\": \"networkpolicies\"}, "
        + $"\"namespace\": \"{Ns}\", \"userInfo\": {{\"username\": \"bob\"}}, \"object\": {obj}}}}}")).Review!.Request!;
}
