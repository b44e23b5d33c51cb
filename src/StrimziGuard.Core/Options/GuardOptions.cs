
namespace StrimziGuard.Core.Options;

/// <summary>Everything a decision may depend on besides the request and the cluster: modes, limits, the operator's identity.</summary>
public sealed record GuardOptions
{
    public static GuardOptions Default { get; } = new();

    public OperatorIdentity Operator { get; init; } = new();

    /// <summary>Requests in these namespaces are never judged (the webhook configurations exclude them too).</summary>
    public IReadOnlyList<string> ExcludedNamespaces { get; init; } = ["kube-system", "strimzi-guard"];

    /// <summary>
    /// The namespaces the guard judges and watches, like Strimzi's <c>STRIMZI_NAMESPACE</c>: absent, empty or <c>["*"]</c> is every namespace.
    /// Outside them nothing is cached, reconciled or judged (the webhook configurations select the same list).
    /// </summary>
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [AllNamespaces];

    public const string AllNamespaces = "*";

    /// <summary>True when every namespace is watched.</summary>
    public bool WatchesAllNamespaces => WatchNamespaces.Count == 0 || WatchNamespaces.Contains(AllNamespaces);

    /// <summary>
    /// Whether <paramref name="ns"/> is named in <see cref="WatchNamespaces"/>: a namespace given to Kafka, where a NetworkPolicy is judged
    /// against the Kafka pods to come even before any exist. With every namespace watched, no namespace is known to be Kafka's.
    /// </summary>
    public bool NamesWatchedNamespace(string? ns) => ns is { Length: > 0 } && !WatchesAllNamespaces && WatchNamespaces.Contains(ns);

    /// <summary>Whether objects in <paramref name="ns"/> are the guard's business: watched and not excluded.</summary>
    public bool Watches(string? ns) =>
        ns is not { Length: > 0 } || (!ExcludedNamespaces.Contains(ns) && (WatchesAllNamespaces || WatchNamespaces.Contains(ns)));

    public CertLifetimeOptions CertLifetime { get; init; } = new();

    public CaGenerationOptions CaGeneration { get; init; } = new();

    public AgentPortOptions AgentPort { get; init; } = new();

    public GuardMode ModeOf(string guard) => guard switch
    {
        GuardIds.CertLifetime => CertLifetime.Mode,
        GuardIds.CaGeneration => CaGeneration.Mode,
        GuardIds.AgentPort => AgentPort.Mode,
        _ => GuardMode.Off,
    };
}
