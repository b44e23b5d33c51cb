using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// A cluster that needs both controllers: <c>kafka/my-cluster</c> half-way through a cluster CA key replacement (cert Secret generation 4
/// holding the generation-1 certificate, key generation 1, broker-0 already rolled, the StrimziPodSet entries still at 0), and no guard
/// NetworkPolicy yet. Converged: every entry stamped 1, the agent-port policy in place.
/// </summary>
internal static class RotationWorld
{
    public const string Ns = "kafka";
    public const string PodSet = "my-cluster-broker";
    public static readonly string[] Brokers = ["my-cluster-broker-0", "my-cluster-broker-1", "my-cluster-broker-2"];
    private const string KeyGeneration = "strimzi.io/cluster-ca-key-generation";

    /// <summary><paramref name="entryCertGeneration"/> below the cert Secret's makes the entries and pods lag a cert generation (an
    /// interrupted renewal roll): then the cert generation alone would look like evidence of the new certificate.</summary>
    public static void Seed(FakeApiServer fake, int certGeneration = 4, int? subjectKeyGeneration = 1, int keyGeneration = 1, int rolled = 1, int entryCertGeneration = 3)
    {
        fake.Seed(Namespace("kafka"), Namespace("strimzi"),
            Fixtures.Load<Kafka>("kafka-my-cluster.kraft-node-pools.ca-7d"),
            Fixtures.Load<V1Pod>("pod-strimzi-cluster-operator"),
            RotationState.CertSecret(certGeneration, subjectKeyGeneration),
            RotationState.KeySecret(keyGeneration),
            RotationState.PodSet(PodSet, "core.strimzi.io/v1beta2", [.. Brokers.Select(b => (b, (int?)entryCertGeneration, (int?)0))]));
        foreach (var (broker, i) in Brokers.Select((b, i) => (b, i)))
            fake.Seed(KubeJson.Read<V1Pod>(RotationState.Pod(broker, entryCertGeneration, i < rolled ? keyGeneration : 0)));
    }

    public static JsonArray Entries(FakeApiServer fake) => fake.Get("core.strimzi.io", "strimzipodsets", Ns, PodSet)!["spec"]!["pods"]!.AsArray();

    public static IReadOnlyList<int> Stamps(FakeApiServer fake) =>
        [.. Entries(fake).Select(e => int.Parse((string?)e!["metadata"]!["annotations"]![KeyGeneration] ?? "-1", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>What "the same end state" compares: the key generation of each entry, and every NetworkPolicy's name and spec.</summary>
    public static string EndState(FakeApiServer fake)
    {
        var policies = new[] { AgentPortGuardPolicy.PrimaryName("my-cluster"), AgentPortGuardPolicy.ComplementName("my-cluster") }
            .Select(n => fake.Get("networking.k8s.io", "networkpolicies", Ns, n))
            .Select(p => p is null ? "-" : $"{p["metadata"]!["name"]}={p["spec"]!.ToJsonString()}");
        return $"stamps [{string.Join(",", Stamps(fake))}]; policies {string.Join(" ", policies)}";
    }

    public static bool Converged(FakeApiServer fake) =>
        Stamps(fake).All(s => s == 1) && fake.Get("networking.k8s.io", "networkpolicies", Ns, AgentPortGuardPolicy.PrimaryName("my-cluster")) is not null;

    public static bool IsWrite(FakeRequestRecord r) => r.Verb is "create" or "update" or "patch" or "delete";

    /// <summary>Writes by the guard replicas to what the controllers own (the Lease is the elector's, not a controller write).</summary>
    public static IReadOnlyList<FakeRequestRecord> ControllerWrites(FakeApiServer fake, string? token = null) =>
        fake.Requests.Where(r => IsWrite(r) && (r.Resource == "strimzipodsets" || r.Resource == "networkpolicies")
            && (r.BearerToken ?? "").StartsWith("replica-", StringComparison.Ordinal) && (token is null || r.BearerToken == token));

    private static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name } },
    };
}
