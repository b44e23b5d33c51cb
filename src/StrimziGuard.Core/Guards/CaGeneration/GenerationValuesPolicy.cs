using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// Generation annotations on Kafka pods and StrimziPodSet entries must be numbers (the operator's <c>Integer.parseInt</c> throws and fails
/// every reconciliation otherwise), and <c>strimzi.io/cluster-ca-key-generation</c> must not claim a key generation above K: a false stamp
/// makes the operator skip a pod that does not trust the new CA, and the next phase breaks TLS. The operator's own writes are never denied
/// (the dispatcher warns instead); pods the ReplicaSet controller copies from a template are warned about, not refused.
/// </summary>
internal sealed class GenerationValuesPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("ca-generation.values", GuardIds.CaGeneration, WebhookKind.Validating, [StrimziResources.PodWrites, StrimziResources.StrimziPodSets])
    {
        // An UPDATE that leaves an existing bad value as it was (a label change, say) is not the writer's doing.
        Ratchets = true,
        Judges = "Kafka pods (CREATE; UPDATE only when it changes a `strimzi.io/*-generation` annotation, so the Drain Cleaner's "
            + "annotations and label edits never wait on the guard), StrimziPodSets (`core.strimzi.io` v1beta2, v1)",
        Rule = "Denies non-numeric `strimzi.io/*-generation` values (the operator's parser throws on them) and a key "
            + "generation above K, from anyone but the operator.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var isPodSet = request.Resource?.Resource == "strimzipodsets";
        var entries = new List<(FieldPath Path, V1ObjectMeta Meta)>();
        string? cluster;
        if (isPodSet)
        {
            var sps = request.SubjectAs<StrimziPodSet>();
            cluster = KafkaPods.ClusterOf(sps);
            var pods = sps.Spec?.Pods ?? [];
            for (var i = 0; i < pods.Count; i++) entries.Add((FieldPath.Of("spec.pods").Index(i).Field("metadata.annotations"), pods[i].Metadata));
        }
        else
        {
            var pod = request.SubjectAs<V1Pod>();
            cluster = KafkaPods.ClusterOf(pod);
            entries.Add((FieldPath.Of("metadata.annotations"), pod.Metadata));
        }
        if (cluster is null) return PolicyVerdict.NotApplicable;

        var ca = ClusterCaState.From(snapshot, request.Namespace, cluster);
        var k = ca?.KeyGeneration is { IsNumber: true } key ? key.Value : (int?)null;
        var violations = new List<Violation>();
        foreach (var (path, meta) in entries)
        {
            foreach (var name in CaAnnotations.OnPods)
            {
                var g = CaAnnotations.Read(meta.Annotations, name);
                if (g.Present && !g.IsNumber)
                {
                    violations.Add(new Violation(Metadata.Guard, path.Key(name), $"{g} is not a whole number, and the cluster operator fails every reconciliation on it",
                        "write a whole number such as \"0\", or remove the annotation"));
                }
            }
            var podKey = CaAnnotations.Read(meta.Annotations, CaAnnotations.ClusterCaKeyGeneration);
            if (k is not null && podKey.IsNumber && podKey.Value > k)
            {
                violations.Add(new Violation(Metadata.Guard, path.Key(CaAnnotations.ClusterCaKeyGeneration),
                    $"\"{podKey.Value}\" claims trust in CA key generation {podKey.Value}, but Secret {ClusterCaState.KeySecretName(cluster)} is at {k}",
                    $"leave the stamp to the cluster operator and Strimzi Guard; set it to {k} or less"));
            }
        }

        var summary = k is null ? "CA key Secret not in view" : $"K={k}";
        if (violations.Count == 0) return PolicyVerdict.Pass(summary);
        if (options.CaGeneration.TemplateCopiers.Contains(request.UserInfo.Username ?? ""))
            return PolicyVerdict.Pass(summary) with { Notes = violations.Select(v => $"{v.Path}: {v.Finding}; copied from a template").ToArray() };
        return PolicyVerdict.Fail(violations, summary);
    }
}
