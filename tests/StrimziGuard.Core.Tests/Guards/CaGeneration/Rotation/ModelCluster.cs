using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// The cluster the model runs on: CA Secrets, node certificates, two StrimziPodSets (controllers C3-C5, brokers P0-P2), the live pods,
/// and the three Deployments. The PodSet controller and the ReplicaSet controller live here (strimzi-facts §4, §8); every pod CREATE and
/// DELETE goes through the guard when it is present.
/// </summary>
internal sealed class ModelCluster
{
    public const string Namespace = "kafka";
    public const string Cluster = "my-cluster";
    public const string ReplicaSetController = "system:serviceaccount:kube-system:replicaset-controller";
    public const string DeploymentController = "system:serviceaccount:kube-system:deployment-controller";

    public static readonly string[] KafkaPodNames =
        ["my-cluster-controller-3", "my-cluster-controller-4", "my-cluster-controller-5", "my-cluster-broker-0", "my-cluster-broker-1", "my-cluster-broker-2"];

    public static readonly string[] Deployments = ["my-cluster-entity-operator", "my-cluster-cruise-control", "my-cluster-kafka-exporter"];

    private readonly Dictionary<int, (JsonObject Json, V1Pod Typed)> podObjects = [];
    private readonly Dictionary<(string, int), (JsonObject Json, StrimziPodSet Typed)> podSetObjects = [];
    private int nextUid = 1;
    private int changes;
    private (((int, int, int, int, bool, int), bool) Key, ClusterSnapshot Snapshot)? snapshot;

    public ModelCluster(OperatorVersion version, RotationOptions options)
    {
        Version = version;
        Options = options;
        Guard = options.Guard ? new GuardInTheLoop(this) : null;
        CertWriteFailures = options.CertWriteFails ? 1 : 0;
        var steady = KafkaPodNames.Select(n => ModelEntry.Generate(n, 3, 0, 3, NodeCertIssue)).ToList();
        PodSets["my-cluster-controller"] = new ModelPodSet("my-cluster-controller", "controller", steady.Take(3).ToArray());
        PodSets["my-cluster-broker"] = new ModelPodSet("my-cluster-broker", "broker", steady.Skip(3).ToArray());
        foreach (var e in steady) Pods[e.Name] = NewPod(e.Name, null, e.Cc, e.Ck, e.Cl, e.CertIssue, e.Revision);
        foreach (var d in Deployments)
        {
            Templates[d] = (3, 0);
            Pods[d] = NewPod(d, d, 3, 0, null, null, null);
        }
    }

    public OperatorVersion Version { get; }

    public RotationOptions Options { get; }

    public GuardInTheLoop? Guard { get; }

    public CaSecretsModel Ca { get; } = new();

    /// <summary>The node certificate Secret: the cert generation it was issued at, the key that signed it, and an issue counter (the hash).</summary>
    public int NodeCertGen { get; set; } = 3;

    public int NodeSignerKeyGen { get; set; }

    public int NodeCertIssue { get; set; } = 1;

    /// <summary>0.47+: cert Secret writes still to fail (<see cref="RotationOptions.CertWriteFails"/>).</summary>
    public int CertWriteFailures { get; set; }

    public SortedDictionary<string, ModelPodSet> PodSets { get; } = new(StringComparer.Ordinal);

    /// <summary>Live pods by name; Deployment pods by Deployment name.</summary>
    public Dictionary<string, ModelPod> Pods { get; } = [];

    /// <summary>Deployment pod templates: the cluster CA cert and key generations their reconcilers wrote (strimzi-facts §2).</summary>
    public Dictionary<string, (int Cc, int Ck)> Templates { get; } = [];

    /// <summary>Nodes a scale-up adds; KafkaReconciler generates their entries (scenario 16).</summary>
    public List<string> AddedBrokers { get; } = [];

    public RotationLog Log { get; } = new();

    public IEnumerable<string> RollOrder => KafkaPodNames.Concat(AddedBrokers);

    public ModelEntry? EntryOf(string pod) => PodSets[KubeObjects.PoolSet(pod)].Entry(pod);

    /// <summary>The cluster as the guard's watch caches show it; <paramref name="guardCache"/> lets lagging StrimziPodSets show their previous version.</summary>
    public ClusterSnapshot Snapshot(bool guardCache = false)
    {
        var key = (StateKey, guardCache && PodSets.Values.Any(s => s.GuardCacheBehind));
        if (snapshot is { } cached && cached.Key == key) return cached.Snapshot;
        var objects = new List<KubernetesObject>
        {
            KubeObjects.CertSecret(Ca.CertGen, Ca.UserManaged ? null : Ca.CurrentCertKeyGen),
            KubeObjects.KeySecret(Ca.KeyGen),
            KubeObjects.Kafka(Ca.UserManaged || Options.KafkaClaimsUserManagedCa),
        };
        objects.AddRange(Pods.Values.Select(p => PodObject(p).Typed));
        foreach (var sps in PodSets.Values)
        {
            var behind = guardCache && sps.GuardCacheBehind;
            objects.Add(PodSetObject(sps, behind).Typed);
        }
        var built = ClusterSnapshot.From(objects);
        snapshot = (key, built);
        return built;
    }

    /// <summary>Changes whenever anything the guard can see changes; a watch-driven controller has nothing to do while it stays the same.</summary>
    public (int, int, int, int, bool, int) StateKey => (changes, Ca.CertGen, Ca.KeyGen, Ca.CurrentCertKeyGen, Ca.UserManaged, Ca.OldCertKeyGens.Count);

    public (JsonObject Json, V1Pod Typed) PodObject(ModelPod pod)
    {
        if (!podObjects.TryGetValue(pod.Uid, out var o))
        {
            var json = KubeObjects.Pod(pod, Options.Layout1x);
            podObjects[pod.Uid] = o = (json, KubeJson.Read<V1Pod>(json));
        }
        return o;
    }

    public (JsonObject Json, StrimziPodSet Typed) PodSetObject(ModelPodSet sps, bool previous = false)
    {
        var rv = previous ? sps.PreviousResourceVersion : sps.ResourceVersion;
        if (!podSetObjects.TryGetValue((sps.Name, rv), out var o))
        {
            var json = KubeObjects.PodSet(sps.Name, sps.Pool, rv, previous ? sps.Previous : sps.Entries, Options.ApiVersion, Options.Layout1x);
            podSetObjects[(sps.Name, rv)] = o = (json, KubeJson.Read<StrimziPodSet>(json));
        }
        return o;
    }

    /// <summary>
    /// What happens between two steps of the operator: the guard works its queue and resyncs, the PodSet controller recreates missing
    /// pods from its (possibly lagging) cache, the ReplicaSet controller recreates Deployment pods, and the guard sees the new pods.
    /// </summary>
    public void Settle(bool podSetControllerRunning = true)
    {
        Guard?.Tick();
        if (podSetControllerRunning)
        {
            foreach (var sps in PodSets.Values)
            {
                foreach (var entry in sps.Entries.Where(e => !Pods.ContainsKey(e.Name)).ToArray())
                {
                    var cached = sps.ControllerCacheBehind ? sps.Previous.FirstOrDefault(e => e.Name == entry.Name) ?? entry : entry;
                    sps.ControllerCacheBehind = false;
                    Create(NewPod(cached.Name, null, cached.Cc, cached.Ck, cached.Cl, cached.CertIssue, cached.Revision), Requests.Operator);
                }
            }
        }
        foreach (var d in Deployments.Where(d => !Pods.ContainsKey(d)))
            Create(NewPod(d, d, Templates[d].Cc, Templates[d].Ck, null, null, null), ReplicaSetController);
    }

    /// <summary>DELETE of a live pod (admitted by the guard when present), counted as a restart of that pod.</summary>
    public void Delete(string key, string user, string reason)
    {
        var pod = Pods[key];
        Guard?.AdmitDelete(PodObject(pod).Json, user);
        Pods.Remove(key);
        changes++;
        Log.Restart(key, reason);
    }

    /// <summary>Changes a live pod in place (for a scenario's starting state); it gets a new identity so its objects are rebuilt.</summary>
    public void Replace(string key, Func<ModelPod, ModelPod> change)
    {
        Pods[key] = change(Pods[key]) with { Uid = nextUid++ };
        changes++;
    }

    /// <summary>A write to a StrimziPodSet by the operator or the guard; caches lag behind it when the run says so.</summary>
    public void Write(ModelPodSet sps, IReadOnlyList<ModelEntry> entries)
    {
        sps.Write(entries, Options.StaleCache, Options.GuardStaleCache);
        changes++;
    }

    private void Create(ModelPod requested, string user)
    {
        var pod = requested;
        if (Guard is not null)
        {
            var admitted = Guard.AdmitCreate(PodObject(requested).Json, user);
            var (cc, ck, cl, revision) = KubeObjects.ReadPod(admitted);
            if (cc != requested.Cc || cl != requested.Cl || revision != requested.Revision)
                Log.GuardOverreach.Add($"pod {requested.Key} admitted with cc={cc} cl={cl} rev={revision}, created as cc={requested.Cc} cl={requested.Cl} rev={requested.Revision}");
            if (ck < requested.Ck || (ck is null && requested.Ck is not null)) Log.GuardOverreach.Add($"pod {requested.Key} key generation lowered {requested.Ck} -> {ck}");
            if (ck != requested.Ck)
            {
                Log.GuardPodStamps++;
                pod = requested with { Ck = ck, Uid = nextUid++ };
            }
        }
        // A new pod loads whatever the cert Secret holds now; claiming trust in a newer key generation is a false stamp.
        if (pod.Ck is { } claimed && claimed > pod.Trusts.Max())
            Log.FalseStamps.Add($"pod {pod.Key} created with cluster-ca-key-generation {claimed} while the cert Secret held key generations {string.Join(",", pod.Trusts)}");
        // A pod presents the node certificate issued at NodeCertGen; claiming a newer cc is what #10711 got wrong (strimzi-facts §3).
        if (pod.Deployment is null && pod.Cc is { } presented && presented > NodeCertGen)
            Log.FalseStamps.Add($"pod {pod.Key} created with cluster-ca-cert-generation {presented} while its node certificate is of generation {NodeCertGen}");
        Pods[pod.Key] = pod;
        changes++;
    }

    private ModelPod NewPod(string name, string? deployment, int? cc, int? ck, int? cl, int? certIssue, string? revision) =>
        new(name, deployment, cc, ck, cl, certIssue, revision, nextUid++, Ca.Held, deployment is null ? NodeSignerKeyGen : Ca.CurrentCertKeyGen);
}
