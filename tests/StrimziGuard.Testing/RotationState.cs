using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Testing;

/// <summary>
/// Builds the cluster state of a CA key rotation from the Strimzi fixtures: the two cluster CA Secrets at chosen generations
/// (with a real CA certificate whose subject names its key generation, as the operator makes it), plus pods and StrimziPodSets.
/// </summary>
public static class RotationState
{
    public static V1Secret CertSecret(int certGeneration, int? subjectKeyGeneration, string cluster = "my-cluster")
    {
        var secret = Fixtures.Load("secret-my-cluster-cluster-ca-cert.steady");
        secret["metadata"]!["name"] = $"{cluster}-cluster-ca-cert";
        secret["metadata"]!["annotations"] = new JsonObject { ["strimzi.io/ca-cert-generation"] = certGeneration.ToString() };
        secret["data"] = subjectKeyGeneration is { } v
            ? new JsonObject { ["ca.crt"] = TestCertificates.Base64(TestCertificates.PemOfLifetime(TimeSpan.FromDays(7), $"CN=cluster-ca v{v}, O=io.strimzi")) }
            : new JsonObject { ["ca.crt"] = TestCertificates.Base64("PLACEHOLDER") };
        return KubeJson.Read<V1Secret>(secret);
    }

    public static V1Secret KeySecret(int? keyGeneration, string cluster = "my-cluster")
    {
        var secret = Fixtures.Load("secret-my-cluster-cluster-ca.steady");
        secret["metadata"]!["name"] = $"{cluster}-cluster-ca";
        secret["metadata"]!["annotations"] = keyGeneration is { } k ? new JsonObject { ["strimzi.io/ca-key-generation"] = k.ToString() } : new JsonObject();
        secret.Remove("data");
        return KubeJson.Read<V1Secret>(secret);
    }

    /// <summary>
    /// The Kafka CR of the cluster; <paramref name="generateCertificateAuthority"/> false marks the cluster CA as one the user brings,
    /// null leaves the field unset (Strimzi generates the CA).
    /// </summary>
    public static Kafka Kafka(bool? generateCertificateAuthority, string cluster = "my-cluster")
    {
        var kafka = Fixtures.Load("kafka-my-cluster.kraft-node-pools.ca-7d");
        kafka["metadata"]!["name"] = cluster;
        var clusterCa = kafka["spec"]!["clusterCa"]!.AsObject();
        if (generateCertificateAuthority is { } generate) clusterCa["generateCertificateAuthority"] = generate;
        else clusterCa.Remove("generateCertificateAuthority");
        return KubeJson.Read<Kafka>(kafka);
    }

    /// <summary>A broker pod with the given generations (cluster cert, cluster key); null leaves the annotation out.</summary>
    public static JsonObject Pod(string name, int? cc, int? ck, string cluster = "my-cluster")
    {
        var pod = Fixtures.Load("pod-my-cluster-broker-0.steady");
        pod["metadata"]!["name"] = name;
        pod["metadata"]!["labels"]!["strimzi.io/cluster"] = cluster;
        var annotations = pod["metadata"]!["annotations"]!.AsObject();
        Set(annotations, "strimzi.io/cluster-ca-cert-generation", cc);
        Set(annotations, "strimzi.io/cluster-ca-key-generation", ck);
        return pod;
    }

    public static StrimziPodSet PodSet(string name, string apiVersion, params (string Pod, int? Cc, int? Ck)[] entries)
    {
        var sps = Fixtures.Load("strimzipodset-my-cluster-broker.steady");
        sps["apiVersion"] = apiVersion;
        sps["metadata"]!["name"] = name;
        var template = sps["spec"]!["pods"]![0]!;
        var pods = new JsonArray();
        foreach (var (pod, cc, ck) in entries)
        {
            var entry = template.DeepClone();
            entry["metadata"]!["name"] = pod;
            Set(entry["metadata"]!["annotations"]!.AsObject(), "strimzi.io/cluster-ca-cert-generation", cc);
            Set(entry["metadata"]!["annotations"]!.AsObject(), "strimzi.io/cluster-ca-key-generation", ck);
            pods.Add(entry);
        }
        sps["spec"]!["pods"] = pods;
        return KubeJson.Read<StrimziPodSet>(sps);
    }

    public static ClusterSnapshot Snapshot(params KubernetesObject[] objects) => ClusterSnapshot.From(objects);

    private static void Set(JsonObject annotations, string key, int? value)
    {
        if (value is { } v) annotations[key] = v.ToString();
        else annotations.Remove(key);
    }
}
