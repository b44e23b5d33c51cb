using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>
/// Kubernetes NetworkPolicy ingress semantics for one connection: a pod no policy selects for ingress accepts everything; a selected pod
/// accepts a connection when some selecting policy has a rule admitting both the source and the port. Policies only ever add.
/// </summary>
public static class NetworkPolicyEvaluator
{
    public static bool Admits(IEnumerable<V1NetworkPolicy> policies, TrafficSource source, PodEndpoint destination, int port, string protocol)
    {
        var isolated = false;
        foreach (var policy in policies)
        {
            if (!IngressSelection.Selects(policy, destination)) continue;
            isolated = true;
            foreach (var rule in policy.Spec?.Ingress ?? [])
            {
                if (PortMatch.Admits(rule, port, protocol, destination.Ports) && PeerMatch.Admits(rule, policy.Namespace ?? "", source)) return true;
            }
        }
        return !isolated;
    }
}
