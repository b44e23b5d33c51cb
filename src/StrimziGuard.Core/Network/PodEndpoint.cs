using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>A destination pod as NetworkPolicy sees it: where it runs, its labels, its named container ports.</summary>
public sealed record PodEndpoint(string Namespace, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<V1ContainerPort> Ports)
{
    public static PodEndpoint From(V1Pod pod) =>
        new(pod.Namespace ?? "", pod.Metadata.Labels ?? new Dictionary<string, string>(), PortMatch.Of(pod));
}
