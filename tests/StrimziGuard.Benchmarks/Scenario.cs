using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;

namespace StrimziGuard.Benchmarks;

/// <summary>One request the load generator repeats: a webhook path and an AdmissionReview body.</summary>
internal sealed record Scenario(string Name, string Path, byte[] Body)
{
    public const string OperatorUser = "system:serviceaccount:strimzi:strimzi-cluster-operator";

    /// <summary>Each guard's hottest path. Paths not (yet) in the catalog are left out, so the benchmark follows the catalog.</summary>
    public static IReadOnlyList<Scenario> HottestPaths()
    {
        var examples = System.IO.Path.Combine(Repository.Root, "manifests", "examples", "admission-reviews");
        var served = PolicyCatalog.Default.Webhooks.Select(w => w.Path).ToHashSet();
        var pod = SyntheticCluster.Fixture("pod-my-cluster-broker-1.before-trust-roll.yaml", 3, 4);
        var policy = SyntheticCluster.Fixture("networkpolicy-my-cluster-network-policy-kafka.operator-same-namespace.yaml", 3);
        policy["metadata"]!["name"] = "cluster-3-allow-monitoring";
        Scenario[] all =
        [
            new("kafka CR, compliant", "/validate/cert-lifetime", File.ReadAllBytes(System.IO.Path.Combine(examples, "kafka-create-compliant.json"))),
            new("listener Secret, 30d (reads Kafka CRs)", "/validate/cert-lifetime", File.ReadAllBytes(System.IO.Path.Combine(examples, "secret-create-listener-30d.json"))),
            new("NetworkPolicy (reads the pods it can select)", "/validate/agent-port",
                Bytes(SyntheticCluster.Review(policy, "CREATE", "alice", "networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies"))),
            new("Kafka pod CREATE stamp (reads CA Secrets)", "/mutate/ca-generation",
                Bytes(SyntheticCluster.Review(pod, "CREATE", OperatorUser, "", "v1", "Pod", "pods"))),
        ];
        return all.Where(s => served.Contains(s.Path)).ToArray();
    }

    public WebhookPath Webhook => WebhookPath.TryParse(Path, out var w) ? w! : throw new InvalidOperationException(Path);

    private static byte[] Bytes(JsonObject review) => System.Text.Encoding.UTF8.GetBytes(review.ToJsonString());
}
