using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// The model's objects as the guard sees them: real Pods, StrimziPodSets and CA Secrets built from the Strimzi fixtures (through
/// <see cref="RotationState"/>), so the admission policies and the planner read exactly what they read in a cluster.
/// </summary>
internal static class KubeObjects
{
    public const string Revision = "strimzi.io/revision";
    public const string ServerCertHash = "strimzi.io/server-cert-hash";

    // The fixtures' full pod spec is irrelevant to CA decisions and only slows every admission down, so the model keeps metadata only.
    private static readonly JsonObject PodTemplate = Slim(RotationState.Pod("template", 3, 0));
    private static readonly JsonObject PodSetTemplate = SlimEntries((JsonObject)KubeJson.ToNode(RotationState.PodSet("template", "core.strimzi.io/v1beta2", ("template", 3, 0))));
    private static readonly ConcurrentDictionary<(int, int?), V1Secret> CertSecrets = new();
    private static readonly ConcurrentDictionary<int, V1Secret> KeySecrets = new();

    /// <summary>A user-made CA (<paramref name="subjectKeyGen"/> null) has no <c>CN=cluster-ca vN</c> subject to read.</summary>
    public static V1Secret CertSecret(int certGen, int? subjectKeyGen) => CertSecrets.GetOrAdd((certGen, subjectKeyGen), k => RotationState.CertSecret(k.Item1, k.Item2));

    public static V1Secret KeySecret(int keyGen) => KeySecrets.GetOrAdd(keyGen, k => RotationState.KeySecret(k));

    /// <summary>The Kafka CR: it tells the guard whether the cluster CA is Strimzi's (subject evidence) or the user's (cert generation).</summary>
    public static Kafka Kafka(bool userManaged) => userManaged ? UserManagedKafka : StrimziManagedKafka;

    private static readonly Kafka StrimziManagedKafka = RotationState.Kafka(generateCertificateAuthority: null);
    private static readonly Kafka UserManagedKafka = RotationState.Kafka(generateCertificateAuthority: false);

    public static JsonObject Pod(ModelPod pod, bool layout1x)
    {
        var json = (JsonObject)PodTemplate.DeepClone();
        var meta = json["metadata"]!.AsObject();
        meta["name"] = pod.ObjectName;
        meta["uid"] = $"00000000-0000-4000-8000-{pod.Uid:x12}";
        var labels = meta["labels"]!.AsObject();
        if (pod.Deployment is { } deployment)
        {
            // Entity Operator, Cruise Control, Kafka Exporter: same strimzi.io/kind and cluster, own name, no pool, owned by a ReplicaSet.
            foreach (var key in new[] { "strimzi.io/pool-name", "strimzi.io/pod-name", "strimzi.io/controller", "strimzi.io/controller-name", "strimzi.io/broker-role", "strimzi.io/controller-role", "statefulset.kubernetes.io/pod-name" })
                labels.Remove(key);
            labels["strimzi.io/name"] = deployment;
            labels["strimzi.io/component-type"] = deployment["my-cluster-".Length..];
            meta.Remove("ownerReferences");
            meta["annotations"] = new JsonObject();
            SetGenerations(meta["annotations"]!.AsObject(), pod.Cc, pod.Ck, null);
            return json;
        }
        labels["strimzi.io/pod-name"] = pod.Name;
        labels["strimzi.io/controller-name"] = PoolSet(pod.Name);
        var annotations = meta["annotations"]!.AsObject();
        Annotate(annotations, pod.Cc, pod.Ck, pod.Cl, pod.CertIssue, pod.Revision, layout1x);
        return json;
    }

    public static JsonObject PodSet(string name, string pool, int resourceVersion, IReadOnlyList<ModelEntry> entries, string apiVersion, bool layout1x)
    {
        var json = (JsonObject)PodSetTemplate.DeepClone();
        json["apiVersion"] = apiVersion;
        var meta = json["metadata"]!.AsObject();
        meta["name"] = name;
        meta["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        meta["labels"]!["strimzi.io/pool-name"] = pool;
        var template = json["spec"]!["pods"]![0]!;
        var pods = new JsonArray();
        foreach (var e in entries)
        {
            var entry = template.DeepClone().AsObject();
            entry["metadata"]!["name"] = e.Name;
            entry["metadata"]!["labels"]!["strimzi.io/pod-name"] = e.Name;
            Annotate(entry["metadata"]!["annotations"]!.AsObject(), e.Cc, e.Ck, e.Cl, e.CertIssue, e.Revision, layout1x);
            pods.Add(entry);
        }
        json["spec"]!["pods"] = pods;
        return json;
    }

    /// <summary>The generations and revision of a pod as admitted (after the guard's patch, if any).</summary>
    public static (int? Cc, int? Ck, int? Cl, string? Revision) ReadPod(JsonNode pod) => Read(pod["metadata"]!["annotations"]?.AsObject());

    public static IReadOnlyList<ModelEntry> ReadEntries(JsonNode sps) =>
        sps["spec"]!["pods"]!.AsArray().Select(p =>
        {
            var annotations = p!["metadata"]!["annotations"]!.AsObject();
            var (cc, ck, cl, revision) = Read(annotations);
            var issue = int.Parse(((string)annotations[ServerCertHash]!)["hash-".Length..], CultureInfo.InvariantCulture);
            return new ModelEntry((string)p["metadata"]!["name"]!, cc, ck, cl, issue, revision!);
        }).ToArray();

    public static string PoolSet(string pod) => pod.StartsWith("my-cluster-controller-", StringComparison.Ordinal) ? "my-cluster-controller" : "my-cluster-broker";

    private static (int? Cc, int? Ck, int? Cl, string? Revision) Read(JsonObject? annotations)
    {
        static int? Gen(JsonObject? a, string key) => CaAnnotations.Read(a?.ToDictionary(kv => kv.Key, kv => (string)kv.Value!), key) is { IsNumber: true } g ? g.Value : null;
        return (Gen(annotations, CaAnnotations.ClusterCaCertGeneration), Gen(annotations, CaAnnotations.ClusterCaKeyGeneration),
            Gen(annotations, CaAnnotations.ClientsCaCertGeneration), (string?)annotations?[Revision]);
    }

    private static JsonObject Slim(JsonObject pod)
    {
        pod["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "kafka", ["image"] = "quay.io/strimzi/kafka:0.45.0-kafka-3.9.0" }) };
        pod.Remove("status");
        return pod;
    }

    private static JsonObject SlimEntries(JsonObject sps)
    {
        foreach (var entry in sps["spec"]!["pods"]!.AsArray()) Slim(entry!.AsObject());
        return sps;
    }

    private static void Annotate(JsonObject annotations, int? cc, int? ck, int? cl, int? certIssue, string? revision, bool layout1x)
    {
        SetGenerations(annotations, cc, ck, cl);
        SetText(annotations, Revision, revision);
        SetText(annotations, ServerCertHash, certIssue is { } issue ? $"hash-{issue}" : null);
        if (!layout1x) return;
        // 0.46+ replaces the two hashes with configuration-hash; 1.0+ adds resource-revision (strimzi-facts §0, §2).
        annotations.Remove("strimzi.io/broker-configuration-hash");
        annotations.Remove("strimzi.io/logging-hash");
        annotations["strimzi.io/configuration-hash"] = "5b7c0e2d";
        annotations["strimzi.io/resource-revision"] = "1a2b3c4d";
    }

    private static void SetGenerations(JsonObject annotations, int? cc, int? ck, int? cl)
    {
        Set(annotations, CaAnnotations.ClusterCaCertGeneration, cc);
        Set(annotations, CaAnnotations.ClusterCaKeyGeneration, ck);
        Set(annotations, CaAnnotations.ClientsCaCertGeneration, cl);
    }

    private static void Set(JsonObject annotations, string key, int? value) => SetText(annotations, key, value?.ToString(CultureInfo.InvariantCulture));

    private static void SetText(JsonObject annotations, string key, string? value)
    {
        if (value is not null) annotations[key] = value;
        else annotations.Remove(key);
    }
}
