using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// A cluster state of 100 Kafka clusters with 10 broker pods each (1,000 pods) in 10 namespaces, made from the realistic Strimzi
/// fixtures by renaming: every cluster has its Kafka CR, its two cluster CA Secrets (mid key replacement, so pod stamping has work to
/// do) and Strimzi's own NetworkPolicy. Snapshot-reading policies then search 100 pods and 10 clusters per namespace.
/// </summary>
internal static class SyntheticCluster
{
    public const int Clusters = 100;

    public const int PodsPerCluster = 10;

    public const int ClustersPerNamespace = 10;

    private static string Fixtures => Path.Combine(Repository.Root, "tests", "StrimziGuard.Testing", "Fixtures", "strimzi");

    public static string Namespace(int cluster) => cluster < ClustersPerNamespace ? "kafka" : $"kafka-{cluster / ClustersPerNamespace}";

    public static string Name(int cluster) => $"cluster-{cluster}";

    public static ClusterSnapshot Build()
    {
        var objects = new List<JsonObject>();
        for (var c = 0; c < Clusters; c++)
        {
            objects.Add(Fixture("kafka-my-cluster.kraft-node-pools.ca-7d.yaml", c));
            objects.Add(Fixture("secret-my-cluster-cluster-ca.key-replacement.yaml", c));
            objects.Add(Fixture("secret-my-cluster-cluster-ca-cert.key-replacement.yaml", c));
            objects.Add(Fixture("networkpolicy-my-cluster-network-policy-kafka.operator-same-namespace.yaml", c));
            for (var p = 0; p < PodsPerCluster; p++) objects.Add(Fixture("pod-my-cluster-broker-0.steady.yaml", c, p));
        }
        for (var n = 0; n < Clusters / ClustersPerNamespace; n++)
        {
            objects.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = Namespace(n * ClustersPerNamespace), ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = Namespace(n * ClustersPerNamespace) } },
            });
        }
        var snapshot = ClusterSnapshot.From(ManifestLoader.ReadKnown(objects.Select(o => ("synthetic", o))));
        if (snapshot.Pods.Count != Clusters * PodsPerCluster) throw new InvalidOperationException($"synthetic snapshot has {snapshot.Pods.Count} pods");
        return snapshot;
    }

    /// <summary>A fixture renamed into cluster <paramref name="cluster"/> (and broker <paramref name="pod"/>).</summary>
    public static JsonObject Fixture(string file, int cluster, int pod = 0)
    {
        var text = File.ReadAllText(Path.Combine(Fixtures, file))
            .Replace("broker-0", $"broker-{pod}", StringComparison.Ordinal)
            .Replace("my-cluster", Name(cluster), StringComparison.Ordinal)
            .Replace("namespace: kafka\n", $"namespace: {Namespace(cluster)}\n", StringComparison.Ordinal);
        return (JsonObject)YamlDocuments.Parse(text).Single()!;
    }

    /// <summary>An AdmissionReview request as the API server would send it for this object.</summary>
    public static JsonObject Review(JsonObject obj, string operation, string user, string group, string version, string kind, string resource)
    {
        var meta = obj["metadata"]!;
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
                ["requestKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["requestResource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj.DeepClone(),
                ["oldObject"] = null,
                ["dryRun"] = false,
                ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
            },
        };
    }

    public static KubernetesObject? Known(JsonObject obj) => KnownKinds.Read(obj);
}
