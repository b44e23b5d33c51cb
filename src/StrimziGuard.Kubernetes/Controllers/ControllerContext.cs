using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>What a reconcile may use: the client to write with (its writes are recorded by a full pass) and the state to plan from.</summary>
public sealed record ControllerContext(IKubeApiClient Client, ClusterSnapshot Snapshot)
{
    /// <summary>
    /// Set by <see cref="GuardModeGate"/> in Audit mode: the controller logs and counts each write it would make, and
    /// <see cref="Client"/> refuses writes. Only the controller knows what a write means, so only it can say what it would have done.
    /// </summary>
    public bool Audit { get; init; }
}
