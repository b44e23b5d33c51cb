using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>An existing NetworkPolicy that opens the Kafka Agent port beyond the operator, or only to an unpinned operator peer.</summary>
public sealed record AgentPortFinding(string Namespace, string Name, IReadOnlyList<string> Clusters, IReadOnlyList<Violation> Violations, IReadOnlyList<Violation> Weak)
{
    /// <summary>True when the policy would be denied today; false when it only has an unpinned operator peer (a warning).</summary>
    public bool IsViolation => Violations.Count > 0;
}
