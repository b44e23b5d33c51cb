using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

/// <summary>
/// The Strimzi fixtures the agent-port tests seed into the fake API server (a test double): the Kafka CR <c>kafka/my-cluster</c>, two of
/// its broker pods, the operator's pod in <c>strimzi</c> and both namespaces; plus readers for the guard policies and the guard's writes.
/// </summary>
internal static class AgentPortWorld
{
    public const string Ns = "kafka";
    public const string Cluster = "my-cluster";
    public const string StrimziPolicy = "my-cluster-network-policy-kafka";

    /// <summary>The token the "operator" and "user" clients present, so the request log tells their writes from the guard's (which sends none).</summary>
    public const string OperatorToken = "strimzi-cluster-operator";

    public static string Primary => AgentPortGuardPolicy.PrimaryName(Cluster);

    public static string Complement => AgentPortGuardPolicy.ComplementName(Cluster);

    public static void SeedCluster(FakeApiServer fake) => fake.Seed(
        Namespace("kafka"), Namespace("strimzi"),
        Fixtures.Load<Kafka>("kafka-my-cluster.kraft-node-pools.ca-7d"),
        Fixtures.Load<V1Pod>("pod-my-cluster-broker-0.steady"),
        Fixtures.Load<V1Pod>("pod-my-cluster-broker-1.before-trust-roll"),
        Fixtures.Load<V1Pod>("pod-strimzi-cluster-operator"));

    /// <summary>Strimzi's own <c>my-cluster-network-policy-kafka</c>; <paramref name="variant"/> is same-namespace, other-namespace or namespace-labels.</summary>
    public static V1NetworkPolicy StrimziNetworkPolicy(string variant = "same-namespace") =>
        Fixtures.Load<V1NetworkPolicy>($"networkpolicy-my-cluster-network-policy-kafka.operator-{variant}");

    /// <summary>A user's policy that isolates some pods for ingress and allows only 9092 (it says nothing about 8443).</summary>
    public static V1NetworkPolicy UserPolicy(string name, Dictionary<string, string> podLabels, params V1NetworkPolicyIngressRule[] rules) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = podLabels },
            PolicyTypes = ["Ingress"],
            Ingress = rules.Length > 0 ? [.. rules] : [new V1NetworkPolicyIngressRule { Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = IntOrString.FromNumber(9092) }] }],
        },
    };

    public static JsonObject? Policy(FakeApiServer fake, string name) => fake.Get("networking.k8s.io", "networkpolicies", Ns, name);

    public static JsonArray Rules(FakeApiServer fake, string name) => Policy(fake, name)!["spec"]!["ingress"]!.AsArray();

    /// <summary>Writes to NetworkPolicies made by the guard (every other actor in these tests sends a token).</summary>
    public static IReadOnlyList<FakeRequestRecord> GuardWrites(FakeApiServer fake) =>
        fake.Requests.Where(r => r.Resource == "networkpolicies" && r.Verb is "create" or "update" or "patch" or "delete" && r.BearerToken is null);

    private static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        // The API server sets this label on every namespace (Kubernetes 1.22+); the guard's operator peer pins the namespace by it.
        Metadata = new V1ObjectMeta { Name = name, Labels = new() { ["kubernetes.io/metadata.name"] = name } },
    };
}
