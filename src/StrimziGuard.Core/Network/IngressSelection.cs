using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>Which pods a NetworkPolicy isolates for ingress.</summary>
internal static class IngressSelection
{
    /// <summary>
    /// True when the policy governs ingress. Unset or empty <c>policyTypes</c> is defaulted by the API server to <c>Ingress</c>
    /// (plus <c>Egress</c> when egress rules exist), so only an explicit list without <c>Ingress</c> leaves ingress alone.
    /// </summary>
    public static bool CoversIngress(V1NetworkPolicy policy) =>
        policy.Spec?.PolicyTypes is not { Count: > 0 } types || types.Contains("Ingress");

    /// <summary>
    /// True when the policy selects the pod for ingress: same namespace, its <c>podSelector</c> matches (<c>{}</c>, or an absent one, selects
    /// every pod in the namespace) and it covers ingress. Once any policy does, the pod only accepts what some selecting policy allows.
    /// </summary>
    public static bool Selects(V1NetworkPolicy policy, string podNamespace, IReadOnlyDictionary<string, string> podLabels) =>
        (policy.Namespace ?? "") == podNamespace && CoversIngress(policy) && policy.Spec?.PodSelector.Matches(podLabels) != false;

    public static bool Selects(V1NetworkPolicy policy, PodEndpoint pod) => Selects(policy, pod.Namespace, pod.Labels);
}
