using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Policies.AgentPort;

/// <summary>
/// NetworkPolicies are additive, so one that lets anything but the operator reach the Kafka Agent (8443) on Kafka pods opens it whatever
/// the guard policy says (strimzi-facts §6, "Kubernetes semantics"). Deny those; warn about Strimzi's any-namespace operator peer, and deny
/// it too where the cluster's agent requires no client certificate (<see cref="InternalClusterSecurity"/>): then nothing else stands in
/// the way. The operator's own writes are warned about, never denied (the dispatcher).
/// </summary>
internal sealed class AgentPortNetworkPolicyPolicy : IAdmissionPolicy
{
    public string Id => "agent-port.network-policy";

    public string Guard => Guards.AgentPort;

    public WebhookKind Kind => WebhookKind.Validating;

    /// <summary>No ratcheting: an open agent port is a live exposure, not a style issue; existing ones are reported by <see cref="AgentPortAudit"/>.</summary>
    public bool Ratchets => false;

    public IReadOnlyList<ResourceRule> Rules { get; } = [StrimziResources.NetworkPolicies];

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var policy = request.SubjectAs<V1NetworkPolicy>();
        // The request carries the namespace; a manifest checked offline may only have it in the object.
        policy.Metadata.NamespaceProperty ??= request.Namespace;
        var result = AgentPortCheck.Check(policy, snapshot, options);
        if (result.Clusters.Count == 0) return PolicyVerdict.NotApplicable;
        var verdict = result.Violations.Count == 0 ? PolicyVerdict.Pass(result.Summary) : PolicyVerdict.Fail(result.Violations, result.Summary);
        return verdict with { Notes = result.Notes };
    }
}
