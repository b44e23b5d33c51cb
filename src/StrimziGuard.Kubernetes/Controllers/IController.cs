using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// A level-triggered controller (architecture §2, §4.9): it names the keys it is responsible for in a snapshot, and reconciles one key at
/// a time by reading the snapshot, asking a pure planner for the writes and applying them through <see cref="ControllerContext.Client"/>.
/// Reconciling a key twice in a row writes nothing the second time. Its guard's mode is applied around it by <see cref="GuardModeGate"/>.
/// </summary>
public interface IController
{
    string Name { get; }

    /// <summary>Every key this controller should look at in <paramref name="snapshot"/> (e.g. <c>namespace/cluster</c>); used for full passes and resyncs. No side effects.</summary>
    IEnumerable<string> Keys(ClusterSnapshot snapshot);

    /// <summary>Brings one key to its desired state. Throwing is fine: the key is retried with backoff, other keys go on.</summary>
    Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct);

    /// <summary>
    /// Takes a trigger from the admission path (<see cref="Decision.Triggers"/>) when it is addressed to this controller, and says so.
    /// Triggers only hasten work the controller also finds in cluster state.
    /// </summary>
    bool Accept(ReconcileTrigger trigger) => false;

    /// <summary>
    /// Looks at a whole snapshot, apart from any key: called for every new snapshot, and with <paramref name="resync"/> true at the start of
    /// a term, on every resync and in a full pass. Never throws.
    /// </summary>
    void Observe(ClusterSnapshot snapshot, bool resync)
    {
    }
}
