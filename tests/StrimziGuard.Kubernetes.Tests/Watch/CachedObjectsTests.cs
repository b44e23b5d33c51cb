using System.Text;
using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing;

namespace StrimziGuard.Kubernetes.Tests.Watch;

/// <summary>
/// What the caches and the offline loader keep of an object (<see cref="CachedObjects"/>) must decide exactly as the whole object does:
/// on random cluster states made of the Strimzi fixtures, every example AdmissionReview gets the same answer, byte for byte, and the
/// StrimziPodSet stamp planner the same plan, from the trimmed snapshot as from the whole one.
/// </summary>
public sealed class CachedObjectsTests
{
    private static readonly string[][] Variants =
    [
        ["kafka-my-cluster.kraft-node-pools.ca-7d", "kafka-my-cluster.ca-defaults-365d", "kafka-my-cluster.ca-7d-renewal-default"],
        ["secret-my-cluster-cluster-ca.key-replacement", "secret-my-cluster-cluster-ca.steady", "secret-my-cluster-cluster-ca.force-replace-requested"],
        ["secret-my-cluster-cluster-ca-cert.key-replacement", "secret-my-cluster-cluster-ca-cert.steady"],
        ["secret-my-cluster-clients-ca-cert.steady", "secret-my-cluster-clients-ca.steady"],
        ["strimzipodset-my-cluster-broker.key-replacement-trust-phase", "strimzipodset-my-cluster-broker.steady", "strimzipodset-my-cluster-broker.v1-strimzi-1.2"],
        ["pod-my-cluster-broker-0.steady", "pod-my-cluster-broker-0.after-trust-roll"],
        ["pod-my-cluster-broker-1.before-trust-roll"],
        ["networkpolicy-my-cluster-network-policy-kafka.operator-same-namespace", "networkpolicy-my-cluster-network-policy-kafka.operator-other-namespace",
            "networkpolicy-my-cluster-network-policy-kafka.operator-namespace-labels"],
        ["kafkanodepool-broker", "kafkanodepool-controller"],
    ];

    [Fact]
    public void On_random_cluster_states_trimmed_objects_give_the_same_answers_and_stamp_plans_as_whole_ones()
    {
        var reviews = Directory.GetFiles(Path.Combine(RepositoryRoot(), "manifests", "examples", "admission-reviews"), "*.json").Order(StringComparer.Ordinal).ToArray();
        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        var random = new Random(17);
        var (stamped, patched) = (0, 0);
        for (var world = 0; world < 40; world++)
        {
            var json = RandomState(random);
            var whole = ClusterSnapshot.From(json.Select(o => KnownKinds.Read(o.DeepClone().AsObject())!));
            var trimmed = ClusterSnapshot.From(json.Select(o => CachedObjects.Trim(KnownKinds.Read(o.DeepClone().AsObject())!)));
            foreach (var file in reviews)
            {
                var request = AdmissionReviewCodec.Read(File.ReadAllBytes(file)).Review!.Request!;
                foreach (var webhook in PolicyCatalog.Default.Webhooks)
                {
                    var answer = Encoding.UTF8.GetString(AdmissionReviewCodec.Write(request.Uid, dispatcher.Review(request, whole, GuardOptions.Default, webhook)));
                    Assert.Equal(answer, Encoding.UTF8.GetString(AdmissionReviewCodec.Write(request.Uid, dispatcher.Review(request, trimmed, GuardOptions.Default, webhook))));
                    if (answer.Contains("\"patch\"", StringComparison.Ordinal)) patched++;
                }
            }
            foreach (var cluster in new[] { "my-cluster", "other" })
            {
                foreach (var rolled in new[] { false, true })
                {
                    var plan = StrimziPodSetStampPlanner.Plan(whole, "kafka", cluster, rolled);
                    Assert.Equal(Describe(plan), Describe(StrimziPodSetStampPlanner.Plan(trimmed, "kafka", cluster, rolled)));
                    if (plan.Writes.Count > 0) stamped++;
                }
            }
        }
        // The worlds exercise the paths that read what trimming touches: stamps planned and pods patched.
        Assert.True(stamped > 0 && patched > 0, $"{stamped} stamp plans, {patched} patched answers");
    }

    [Fact]
    public void A_cached_StrimziPodSet_keeps_its_entries_metadata_and_drops_their_pod_specs_and_its_status()
    {
        var podSet = CachedObjects.Trim(Fixtures.Load<StrimziPodSet>("strimzipodset-my-cluster-broker.key-replacement-trust-phase"));

        Assert.Null(podSet.Status);
        Assert.All(podSet.Spec!.Pods!, e => (e.Spec, e.Extra, e.Metadata.Extra).Equals((null, null, null)));
        Assert.Equal("my-cluster-broker-0", podSet.Spec.Pods![0].Name);
        Assert.NotNull(podSet.Spec.Pods[0].Metadata.Annotation("strimzi.io/cluster-ca-key-generation"));
    }

    [Fact]
    public void Label_keys_and_values_of_different_objects_are_one_shared_string()
    {
        var a = CachedObjects.Trim(Fixtures.Load<V1Pod>("pod-my-cluster-broker-0.steady"));
        var b = CachedObjects.Trim(Fixtures.Load<V1Pod>("pod-my-cluster-broker-0.steady"));

        Assert.Same(a.Metadata.Labels!.Keys.First(k => k == "strimzi.io/cluster"), b.Metadata.Labels!.Keys.First(k => k == "strimzi.io/cluster"));
        Assert.Same(a.Metadata.Label("strimzi.io/cluster"), b.Metadata.Label("strimzi.io/cluster"));
        Assert.Same(a.Namespace, b.Namespace);
    }

    [Fact]
    public void The_offline_loader_keeps_objects_as_the_caches_do()
    {
        var dir = Directory.CreateTempSubdirectory("strimzi-guard-state-");
        try
        {
            File.Copy(Path.Combine(Fixtures.Folder, "pod-my-cluster-broker-0.steady.yaml"), Path.Combine(dir.FullName, "pod.yaml"));
            File.Copy(Path.Combine(Fixtures.Folder, "strimzipodset-my-cluster-broker.steady.yaml"), Path.Combine(dir.FullName, "podset.yaml"));
            var snapshot = ManifestLoader.LoadSnapshot([dir.FullName]);

            var pod = snapshot.Pods.All.Single();
            Assert.Equal(("my-cluster-kafka", (object?)null), (pod.Spec!.ServiceAccountName, (object?)pod.Extra));
            Assert.Null(snapshot.StrimziPodSets.All.Single().Spec!.Pods![0].Spec);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Two clusters in namespace kafka: my-cluster (which the example reviews name) and other, each a random pick of fixture states.</summary>
    private static List<JsonObject> RandomState(Random random)
    {
        var objects = new List<JsonObject>();
        foreach (var cluster in new[] { "my-cluster", "other" })
        {
            foreach (var variants in Variants)
            {
                if (random.Next(5) == 0) continue;
                var text = Fixtures.Load(variants[random.Next(variants.Length)]).ToJsonString().Replace("my-cluster", cluster, StringComparison.Ordinal);
                objects.Add(JsonNode.Parse(text)!.AsObject());
            }
        }
        objects.Add(Fixtures.Load("pod-strimzi-cluster-operator"));
        return objects;
    }

    private static string Describe(StrimziPodSetStampPlan plan) =>
        $"{plan.Reason}|{string.Join(";", plan.Skipped)}|{string.Join(";", plan.Writes.Select(w => $"{w.PodSet.Name}:{KubeJson.ToNode<object>(w.Patch).ToJsonString()}"))}";

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Webhook.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Webhook.sln not found above the test binaries");
    }
}
