using System.Diagnostics.CodeAnalysis;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// When the operator (or the ReplicaSet controller, for the Entity Operator, Cruise Control and Kafka Exporter) creates a Kafka pod while
/// a CA key replacement is under way, raise its <c>strimzi.io/cluster-ca-key-generation</c> to K: a new pod trusts whatever the cluster CA
/// cert Secret holds when it starts, so the stamp is true once that Secret holds the generation-K certificate (<see cref="StampPrecondition"/>).
/// Then an operator restart does not roll the pod again (upstream issue #10710). Only that annotation is ever written, and never lowered.
/// </summary>
internal sealed class PodStampPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("ca-generation.pod-stamp", GuardIds.CaGeneration, WebhookKind.Mutating, [StrimziResources.PodCreates])
    {
        Judges = "Pod CREATE by the operator, or by the ReplicaSet controller (Entity Operator, Cruise Control, Kafka Exporter)",
        Rule = "Raises `strimzi.io/cluster-ca-key-generation` to K when lower and the precondition holds. Touches nothing "
            + "else; never lowers.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var user = request.UserInfo.Username;
        if (!options.Operator.IsOperator(request.UserInfo) && !options.CaGeneration.TemplateCopiers.Contains(user ?? "")) return PolicyVerdict.NotApplicable;
        // Decide and stamp on the metadata alone, and of it on the labels and annotations below: the rest of the pod is never read.
        var meta = request.SubjectMemberAs<V1ObjectMeta>("metadata", StampedMetadata);
        if (meta.Label("strimzi.io/kind") != "Kafka" || meta.Label("strimzi.io/cluster") is not { Length: > 0 } cluster) return PolicyVerdict.NotApplicable;

        var ca = ClusterCaState.From(snapshot, request.Namespace ?? meta.NamespaceProperty, cluster);
        var podKey = CaAnnotations.Read(meta.Annotations, CaAnnotations.ClusterCaKeyGeneration);
        var podCert = CaAnnotations.Read(meta.Annotations, CaAnnotations.ClusterCaCertGeneration);
        var (stamp, reason) = StampPrecondition.Evaluate(ca, podKey, podCert);
        if (stamp is null) return PolicyVerdict.Pass("not stamped: " + reason);

        return PolicyVerdict.Patched(Patch(meta, stamp.Value), [], reason);
    }

    private static readonly string[] DecidedLabels = ["strimzi.io/kind", "strimzi.io/cluster"];

    private static readonly string[] DecidedAnnotations = [CaAnnotations.ClusterCaKeyGeneration, CaAnnotations.ClusterCaCertGeneration];

    /// <summary>From a review's bytes, a metadata holding only the labels and annotations this policy reads (a pod has some twenty).</summary>
    private static bool StampedMetadata(ReadOnlySpan<byte> json, [NotNullWhen(true)] out V1ObjectMeta? meta) =>
        ObjectMetaReader.TryReadSome(json, DecidedLabels, DecidedAnnotations, out meta);

    /// <summary>
    /// Only one annotation changes, so only the annotations are copied and diffed, original map against stamped map: the rest of the pod,
    /// and of its metadata, is the same on both sides and adds no operation (a Kafka pod's spec is large, and copying its metadata through
    /// JSON was most of this policy's time). From a review's bytes the map holds only the annotations decided on, which gives the same
    /// operation: an annotation the stamp does not touch is the same on both sides.
    /// </summary>
    internal static IReadOnlyList<JsonPatchOperation> Patch(V1ObjectMeta meta, int stamp)
    {
        var stamped = meta.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : new Dictionary<string, string>(1);
        stamped[CaAnnotations.ClusterCaKeyGeneration] = stamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonPatchDiff.DiffMap(meta.Annotations, stamped, "/metadata/annotations");
    }
}
