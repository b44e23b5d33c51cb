namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>The result of one full pass: the writes made, the keys that failed (the pass goes on past them), how many keys were seen.</summary>
public sealed record ReconcileReport(IReadOnlyList<KubeWrite> Writes, IReadOnlyList<ReconcileFailure> Failures, int Keys)
{
    public bool Succeeded => Failures.Count == 0;
}
