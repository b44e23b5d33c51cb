using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// A cluster state of Kafka clusters with 10 broker pods each, 10 clusters per namespace (by default 100 clusters: 1,000 pods in 10
/// namespaces), made from the realistic Strimzi fixtures by renaming: every cluster has its Kafka CR, its StrimziPodSet (10 entries, as
/// Strimzi writes them), its cluster CA Secrets (mid key replacement, so pod stamping has work to do) and clients CA cert Secret, and
/// Strimzi's own NetworkPolicy. Snapshot-reading policies then search 100 pods and 10 clusters per namespace at every scale.
/// </summary>
internal static class SyntheticCluster
{
    public const int Clusters = 100;

    /// <summary>The scale point: 10,000 pods, 1,000 StrimziPodSets, 3,000 Secrets, 1,000 Kafka CRs.</summary>
    public const int LargeClusters = 1000;

    public const int PodsPerCluster = 10;

    public const int ClustersPerNamespace = 10;

    private static string FixtureDirectory => Path.Combine(Repository.Root, "tests", "StrimziGuard.Testing", "Fixtures", "strimzi");

    public static string Namespace(int cluster) => cluster < ClustersPerNamespace ? "kafka" : $"kafka-{cluster / ClustersPerNamespace}";

    public static string Name(int cluster) => $"cluster-{cluster}";

    /// <param name="first">The first cluster's number: <c>Build(1, 3)</c> is the 10-pod cluster state of the scenarios' cluster alone.</param>
    public static ClusterSnapshot Build(int clusters = Clusters, int first = 0)
    {
        var snapshot = ClusterSnapshot.From(ManifestLoader.ReadKnown(Objects(clusters, first).Select(o => ("synthetic", o))));
        if (snapshot.Pods.Count != clusters * PodsPerCluster) throw new InvalidOperationException($"synthetic snapshot has {snapshot.Pods.Count} pods");
        return snapshot;
    }

    /// <summary>Every object of clusters <paramref name="first"/> to <paramref name="first"/> + <paramref name="clusters"/> - 1, then their namespaces.</summary>
    public static IEnumerable<JsonObject> Objects(int clusters, int first = 0)
    {
        var fixtures = new Fixtures();
        for (var c = first; c < first + clusters; c++) foreach (var o in ClusterObjects(fixtures, c)) yield return o;
        for (var n = first / ClustersPerNamespace; n * ClustersPerNamespace < first + clusters; n++)
        {
            var name = Namespace(n * ClustersPerNamespace);
            yield return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
            };
        }
    }

    /// <summary>One cluster's objects: 1 Kafka CR, 3 Secrets, 1 NetworkPolicy, 1 StrimziPodSet of 10 entries, 10 pods.</summary>
    private static IEnumerable<JsonObject> ClusterObjects(Fixtures f, int c)
    {
        yield return f.Get("kafka-my-cluster.kraft-node-pools.ca-7d.yaml", c);
        yield return f.Get("secret-my-cluster-cluster-ca.key-replacement.yaml", c);
        yield return f.Get("secret-my-cluster-cluster-ca-cert.key-replacement.yaml", c);
        yield return f.Get("secret-my-cluster-clients-ca-cert.steady.yaml", c);
        yield return f.Get("networkpolicy-my-cluster-network-policy-kafka.operator-same-namespace.yaml", c);
        var podSet = f.Get("strimzipodset-my-cluster-broker.steady.yaml", c);
        var entries = (JsonArray)podSet["spec"]!["pods"]!;
        var first = entries[0]!.ToJsonString();
        entries.Clear();
        for (var p = 0; p < PodsPerCluster; p++) entries.Add(JsonNode.Parse(first.Replace("broker-0", $"broker-{p}", StringComparison.Ordinal)));
        yield return podSet;
        for (var p = 0; p < PodsPerCluster; p++) yield return f.Get("pod-my-cluster-broker-0.steady.yaml", c, p);
    }

    /// <summary>Fixtures parsed once and renamed as JSON text (the large point makes 15,000 objects; YAML parsing each would take long).</summary>
    private sealed class Fixtures
    {
        private readonly Dictionary<string, string> json = [];

        public JsonObject Get(string file, int cluster, int pod = 0)
        {
            if (!json.TryGetValue(file, out var text))
                json[file] = text = YamlDocuments.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, file))).Single()!.ToJsonString();
            return JsonNode.Parse(text
                .Replace("broker-0", $"broker-{pod}", StringComparison.Ordinal)
                .Replace("my-cluster", Name(cluster), StringComparison.Ordinal)
                .Replace("\"namespace\":\"kafka\"", $"\"namespace\":\"{Namespace(cluster)}\"", StringComparison.Ordinal))!.AsObject();
        }
    }

    /// <summary>A fixture renamed into cluster <paramref name="cluster"/> (and broker <paramref name="pod"/>).</summary>
    public static JsonObject Fixture(string file, int cluster, int pod = 0) => Rename(File.ReadAllText(Path.Combine(FixtureDirectory, file)), cluster, pod);

    private static JsonObject Rename(string fixture, int cluster, int pod)
    {
        var text = fixture
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
