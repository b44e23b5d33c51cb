using System.Diagnostics.CodeAnalysis;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// NetworkPolicies are additive, so one that lets anything but the operator reach the Kafka Agent (8443) on Kafka pods opens it whatever
/// the guard policy says (strimzi-facts §6, "Kubernetes semantics"). Deny those; warn about Strimzi's any-namespace operator peer, and deny
/// it too where the cluster's agent requires no client certificate (<see cref="InternalClusterSecurity"/>): then nothing else stands in
/// the way. The operator's own writes are warned about, never denied (the dispatcher).
/// </summary>
internal sealed class AgentPortNetworkPolicyPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("agent-port.network-policy", GuardIds.AgentPort, WebhookKind.Validating, [StrimziResources.NetworkPolicies])
    {
        // No ratcheting: an open agent port is a live exposure, not a style issue; existing ones are reported by AgentPortAudit.
        Ratchets = false,
        Judges = "NetworkPolicy CREATE/UPDATE",
        Rule = "Denies a policy that can select Kafka pods (its `podSelector` evaluated against the pods in view and the "
            + "labels Strimzi gives them; in a namespace named in `watchNamespaces` also against the Kafka pods still to "
            + "come, so `podSelector: {}` with an allow-all rule is denied there before any Kafka CR exists) and lets "
            + "anything but the operator reach 8443: an empty `from`, an `ipBlock`, a namespace-only peer, or a pod peer "
            + "without the operator's label, through `8443`, `tcp-kafkaagent`, a range covering it, or no `ports`. Strimzi's "
            + "own `<cluster>-network-policy-kafka` passes; its any-namespace operator peer (`namespaceSelector: {}`) gets a "
            + "warning with the fix (`STRIMZI_OPERATOR_NAMESPACE_LABELS`), and is denied for a cluster whose Kafka CR turns "
            + "the agent's client certificates off (annotation `strimzi.io/internal-cluster-security` with authentication or "
            + "encryption `none`), where the NetworkPolicy is the agent's only gate. The operator's own writes are warned "
            + "about, never denied.",
    };

    /// <summary>The spec without the peers of rules that cannot admit 8443 (the check reads none of them; the most of a Strimzi policy).</summary>
    private static bool SpecForAgentPort(ReadOnlySpan<byte> json, [NotNullWhen(true)] out V1NetworkPolicySpec? spec) =>
        NetworkPolicySpecReader.TryReadForPort(json, KafkaAgent.Port, out spec);

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        // The judgement reads the spec and the namespace only: the metadata's labels and owner references were a third of the read, and
        // agent-port.guard-policy reads them anyway. The request carries the namespace; a manifest checked offline may only have it in
        // the object.
        var policy = new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = request.Name, NamespaceProperty = request.Namespace ?? request.ObjectMemberAs<V1ObjectMeta>("metadata")?.NamespaceProperty },
            Spec = request.ObjectMemberAs<V1NetworkPolicySpec>("spec", SpecForAgentPort),
        };
        var result = AgentPortCheck.Check(policy, snapshot, options);
        if (result.Clusters.Count == 0) return PolicyVerdict.NotApplicable;
        return new PolicyVerdict { Violations = result.Violations, Notes = result.Notes, Summary = result.Summary };
    }
}
