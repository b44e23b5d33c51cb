using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// What one NetworkPolicy does to the Kafka Agent port. <see cref="Violations"/> let something other than the operator in;
/// <see cref="Weak"/> are operator peers not pinned to the operator's namespace (warned, not denied: Strimzi writes them itself, and the
/// agent's client certificates still stand in the way; where they do not, an any-namespace peer is among the <see cref="Violations"/>).
/// </summary>
internal sealed record AgentPortCheckResult(
    IReadOnlyList<string> Clusters,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<Violation> Weak,
    IReadOnlyList<string> Notes,
    string Summary)
{
    public static AgentPortCheckResult Clean(string summary) => new([], [], [], [], summary);
}
