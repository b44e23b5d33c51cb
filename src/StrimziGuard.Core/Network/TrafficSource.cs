using System.Net;

namespace StrimziGuard.Core.Network;

/// <summary>
/// Where a connection comes from: a pod (its namespace, the namespace's labels and its own labels, optionally its IP) or an address outside
/// the cluster. Pod peers (<c>podSelector</c>, <c>namespaceSelector</c>) match pods only; <c>ipBlock</c> matches by address.
/// </summary>
public sealed record TrafficSource
{
    public string? Namespace { get; init; }

    public IReadOnlyDictionary<string, string> NamespaceLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> PodLabels { get; init; } = new Dictionary<string, string>();

    public IPAddress? Address { get; init; }

    public bool IsPod => Namespace is not null;

    /// <summary>A pod; the namespace's <c>kubernetes.io/metadata.name</c> label is added as the API server does (Kubernetes 1.21+).</summary>
    public static TrafficSource Pod(string ns, IReadOnlyDictionary<string, string> podLabels, IReadOnlyDictionary<string, string>? namespaceLabels = null, IPAddress? address = null)
    {
        var nsLabels = new Dictionary<string, string>(namespaceLabels ?? new Dictionary<string, string>()) { [NamespaceNameLabel] = ns };
        return new TrafficSource { Namespace = ns, NamespaceLabels = nsLabels, PodLabels = podLabels, Address = address };
    }

    public static TrafficSource External(IPAddress address) => new() { Address = address };

    /// <summary>Set on every namespace by the API server; the one namespace label nobody can forge.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public override string ToString() =>
        IsPod ? $"pod {{{string.Join(",", PodLabels.Select(l => $"{l.Key}={l.Value}"))}}} in {Namespace}{(Address is null ? "" : $" ({Address})")}" : $"address {Address}";
}
