using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment.Cel;

/// <summary>
/// The guard's own NetworkPolicies, both of them, as the planner writes them: a person's DELETE of either reaches the agent-port webhook
/// (the rendered matchConditions, evaluated by the CEL engine) and is denied there; Kubernetes' garbage collector never reaches it.
/// </summary>
public sealed class GuardPolicyDeleteTests
{
    private const string Person = "alice@example.com";

    /// <summary>broker-0 isolated by someone else's policy, broker-1 not: the planner wants the primary and the complement.</summary>
    private static IReadOnlyList<V1NetworkPolicy> Planned()
    {
        var isolating = KubeJson.Read<V1NetworkPolicy>(JsonNode.Parse("""
            {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "clients", "namespace": "kafka"},
             "spec": {"podSelector": {"matchLabels": {"strimzi.io/pod-name": "my-cluster-broker-0"}}, "ingress": [{"ports": [{"port": 9092}]}]}}
            """)!);
        var snapshot = ClusterSnapshot.From(
        [
            Fixtures.Load<Kafka>("kafka-my-cluster.kraft-node-pools.ca-7d"),
            Fixtures.Load<V1Pod>("pod-my-cluster-broker-0.steady"),
            Fixtures.Load<V1Pod>("pod-my-cluster-broker-1.before-trust-roll"),
            isolating,
        ]);
        return AgentPortPlanner.Plan("kafka", "my-cluster", snapshot, GuardOptions.Default).Desired;
    }

    public static TheoryData<string> GuardPolicies => new(AgentPortGuardPolicy.Names("my-cluster"));

    [Theory]
    [MemberData(nameof(GuardPolicies))]
    public void A_persons_delete_of_a_guard_policy_reaches_the_webhook_and_is_denied(string name)
    {
        var policy = KubeJson.ToNode(Assert.Single(Planned(), p => p.Name == name));

        Assert.Equal(["network-policies.agent-port.strimzi-guard.io"], AdmissionMatcher.Matching(Delete(name, policy, Person)).Select(w => (string)w["name"]!));
        var decision = new AdmissionDispatcher(PolicyCatalog.Default).Review(Requests.Delete(policy, Person), ClusterSnapshot.Empty, GuardOptions.Default,
            new WebhookPath(WebhookKind.Validating, GuardIds.AgentPort));
        Assert.False(decision.Allowed);
        Assert.Contains($"NetworkPolicy {name} is a strimzi-guard policy", decision.Message);
    }

    [Theory]
    [MemberData(nameof(GuardPolicies))]
    public void The_garbage_collectors_delete_of_a_guard_policy_never_reaches_the_webhook(string name)
    {
        var policy = KubeJson.ToNode(Assert.Single(Planned(), p => p.Name == name));
        Assert.Empty(AdmissionMatcher.Matching(Delete(name, policy, "system:serviceaccount:kube-system:generic-garbage-collector")));
    }

    private static CelRequest Delete(string name, JsonNode policy, string user) => new(
        $"DELETE {name} by {user}",
        new JsonObject
        {
            ["operation"] = "DELETE",
            ["userInfo"] = new JsonObject { ["username"] = user },
            ["resource"] = new JsonObject { ["group"] = "networking.k8s.io", ["version"] = "v1", ["resource"] = "networkpolicies" },
            ["namespace"] = "kafka",
            ["name"] = name,
        },
        null,
        policy.AsObject());
}
