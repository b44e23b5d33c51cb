using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// What the guard wants for one Kafka cluster's agent port and the writes that get there from the observed state, in the order to apply
/// them (writes that open come before writes that close, so no step in between cuts traffic the end state allows). Empty when in sync.
/// </summary>
public sealed record AgentPortPlan(string Namespace, string Cluster, IReadOnlyList<V1NetworkPolicy> Desired, IReadOnlyList<AgentPortWrite> Writes, string Summary)
{
    public bool InSync => Writes.Count == 0;
}
