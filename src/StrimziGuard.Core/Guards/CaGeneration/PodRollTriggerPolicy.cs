using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// When the operator deletes (rolls) a Kafka pod that is behind on the CA key generation, the trust roll has started: queue the cluster so
/// its StrimziPodSet entries are stamped before the pod is recreated from them. Never denies. The queueing is a side effect the host performs,
/// and only for requests that are not dry-run.
/// </summary>
public sealed class PodRollTriggerPolicy : IAdmissionPolicy
{
    /// <summary>A trigger names the controller it is for by its guard's id: here the ca-generation controller, which stamps StrimziPodSet entries.</summary>
    public const string Controller = GuardIds.CaGeneration;

    public PolicyMetadata Metadata { get; } = new("ca-generation.pod-roll", GuardIds.CaGeneration, WebhookKind.Validating, [StrimziResources.PodDeletes])
    {
        Judges = "Pod DELETE by the operator",
        Rule = "Never denies. A delete of a pod behind on the key generation queues the cluster for StrimziPodSet stamping "
            + "(not for dry-run requests).",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        if (!options.Operator.IsOperator(request.UserInfo) || !request.HasOldObject) return PolicyVerdict.NotApplicable;
        var pod = request.SubjectAs<V1Pod>();
        if (KafkaPods.ClusterOf(pod) is not { } cluster) return PolicyVerdict.NotApplicable;

        var ns = request.Namespace ?? pod.Namespace ?? "";
        var ca = ClusterCaState.From(snapshot, ns, cluster);
        var podKey = CaAnnotations.Read(pod.Metadata.Annotations, CaAnnotations.ClusterCaKeyGeneration);
        var behind = ca is null || (ca.KeyGeneration.IsNumber && podKey.IsNumber && podKey.Value < ca.KeyGeneration.Value);
        if (!behind) return PolicyVerdict.Pass($"operator restarted {pod.Name}; not a trust roll");
        return PolicyVerdict.Pass($"operator rolled {pod.Name} (key generation {podKey}); StrimziPodSet stamping queued") with
        {
            Triggers = [new ReconcileTrigger(Controller, ns, cluster)],
        };
    }
}
