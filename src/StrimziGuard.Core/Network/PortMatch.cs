using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>
/// Whether an ingress rule admits a destination port, as Kubernetes defines it: no <c>ports</c> means every port of every protocol;
/// an entry's protocol defaults to TCP; no <c>port</c> means every port of that protocol; <c>endPort</c> makes a range; a named port
/// is resolved against the destination pod's container ports of the same protocol.
/// </summary>
internal static class PortMatch
{
    public const string Tcp = "TCP";
    public const string Udp = "UDP";
    public const string Sctp = "SCTP";

    public static string ProtocolOf(string? protocol) => string.IsNullOrEmpty(protocol) ? Tcp : protocol;

    public static bool Admits(V1NetworkPolicyIngressRule rule, int port, string protocol, IReadOnlyList<V1ContainerPort> podPorts)
    {
        if (rule.Ports is not { Count: > 0 } ports) return true;
        // A loop, not Any with a lambda: this runs for every rule and selected pod of each NetworkPolicy review.
        foreach (var entry in ports)
            if (Admits(entry, port, protocol, podPorts)) return true;
        return false;
    }

    public static bool Admits(V1NetworkPolicyPort entry, int port, string protocol, IReadOnlyList<V1ContainerPort> podPorts)
    {
        if (ProtocolOf(entry.Protocol) != protocol) return false;
        return entry.Port switch
        {
            null => true,
            // The API server rejects endPort below port; reading it as the single port keeps a malformed object from matching more.
            { Number: int first } => port >= first && port <= Math.Max(first, entry.EndPort ?? first),
            { Text: { } name } => NamedPortIs(podPorts, name, protocol, port),
            _ => false,
        };
    }

    private static bool NamedPortIs(IReadOnlyList<V1ContainerPort> podPorts, string name, string protocol, int port)
    {
        foreach (var c in podPorts)
            if (c.Name == name && ProtocolOf(c.Protocol) == protocol && c.ContainerPort == port) return true;
        return false;
    }

    /// <summary>Every container port of a pod, across containers.</summary>
    public static IReadOnlyList<V1ContainerPort> Of(V1Pod pod) =>
        (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).ToArray();
}
