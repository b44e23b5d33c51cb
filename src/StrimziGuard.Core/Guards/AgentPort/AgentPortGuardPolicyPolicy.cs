using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// The guard's NetworkPolicies are what keeps 8443 closed on otherwise unisolated Kafka pods; only the guard writes them. Creating one
/// (a squatter would stop the guard from owning the name), changing or deleting one is denied to everyone else, except Kubernetes'
/// garbage collector and namespace controller (see <see cref="Options.AgentPortOptions.SystemUsernames"/>).
/// </summary>
internal sealed class AgentPortGuardPolicyPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("agent-port.guard-policy", GuardIds.AgentPort, WebhookKind.Validating, [StrimziResources.NetworkPolicyWrites])
    {
        Judges = "NetworkPolicy CREATE/UPDATE/DELETE of the guard's own policies (`<cluster>-kafka-agent-guard` and "
            + "`-complement`; on DELETE known by the label `app.kubernetes.io/component: kafka-agent-guard` of the old "
            + "object)",
        Rule = "Only the guard's service account (and Kubernetes' garbage collector and namespace controller) may write them.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        // Most NetworkPolicies are not the guard's, and their metadata's bytes do not even hold the text every guard policy's holds: that
        // test is a search, where reading the metadata was a fifth of a NetworkPolicy review.
        if (!request.ObjectMemberMayContain("metadata", AgentPortGuardPolicy.MetadataMarker)
            && !request.OldObjectMemberMayContain("metadata", AgentPortGuardPolicy.MetadataMarker))
            return PolicyVerdict.NotApplicable;
        // Whether it is a guard policy, and its name, are metadata: the rest of the policy is never read here (agent-port.network-policy
        // reads all of it), so every NetworkPolicy write does not pay for reading it twice.
        var current = request.HasOldObject ? request.OldObjectMemberAs<V1ObjectMeta>("metadata") ?? new V1ObjectMeta() : null;
        var next = request.HasObject ? request.ObjectMemberAs<V1ObjectMeta>("metadata") ?? new V1ObjectMeta() : null;
        if (!AgentPortGuardPolicy.IsGuardPolicy(current) && !AgentPortGuardPolicy.IsGuardPolicy(next)) return PolicyVerdict.NotApplicable;
        var writer = options.AgentPort.GuardUsername;
        if (options.AgentPort.MayWriteGuardPolicies(request.UserInfo.Username)) return PolicyVerdict.Pass("written by the guard");

        var name = (current ?? next)!.Name ?? "";
        var verb = request.Operation switch { "DELETE" => "deleted", "CREATE" => "created", _ => "changed" };
        var violation = new Violation(
            GuardIds.AgentPort,
            FieldPath.Of("metadata.name"),
            $"NetworkPolicy {name} is a strimzi-guard policy (it keeps port 8443 for the cluster operator) and may only be {verb} by {writer}",
            request.Operation == "CREATE" ? "choose a name that does not end in -kafka-agent-guard and drop the strimzi-guard labels"
                : "leave it to the guard; to remove it, delete the Kafka cluster, or set the agent-port guard to Off and delete it");
        return PolicyVerdict.Fail([violation], $"{request.Operation} of guard policy {name} by {request.UserInfo.Username}");
    }
}
