using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Core;

/// <summary>Everything a decision may depend on besides the request and the cluster: modes, limits, the operator's identity.</summary>
public sealed record GuardOptions
{
    public static GuardOptions Default { get; } = new();

    public OperatorIdentity Operator { get; init; } = new();

    /// <summary>Requests in these namespaces are never judged (the webhook configurations exclude them too).</summary>
    public IReadOnlyList<string> ExcludedNamespaces { get; init; } = ["kube-system", "strimzi-guard"];

    public CertLifetimeOptions CertLifetime { get; init; } = new();

    public CaGenerationOptions CaGeneration { get; init; } = new();

    public AgentPortOptions AgentPort { get; init; } = new();

    public GuardMode ModeOf(string guard) => guard switch
    {
        Guards.CertLifetime => CertLifetime.Mode,
        Guards.CaGeneration => CaGeneration.Mode,
        Guards.AgentPort => AgentPort.Mode,
        _ => GuardMode.Off,
    };
}
