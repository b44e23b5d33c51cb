using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// The one place a guard's mode reaches its controller (README, "Modes"), read on every call so a reloaded configuration applies at once:
/// <c>Off</c> lists no keys, observes nothing, takes no trigger and reconciles nothing, so not even the audit of existing objects runs;
/// <c>Audit</c> reconciles with a context marked Audit whose client refuses every write (the controller logs and counts what it would
/// write); <c>Enforce</c> and <c>Warn</c> pass through and write.
/// </summary>
internal sealed class GuardModeGate(IController inner, string guard, Func<GuardOptions> options) : IController, IDisposable
{
    public string Name => inner.Name;

    public IController Inner => inner;

    public IEnumerable<string> Keys(ClusterSnapshot snapshot) => Mode == GuardMode.Off ? [] : inner.Keys(snapshot);

    public Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct) => Mode switch
    {
        GuardMode.Off => Task.CompletedTask,
        GuardMode.Audit => inner.ReconcileAsync(key, context with { Client = new ReadOnlyKubeApiClient(context.Client, guard), Audit = true }, ct),
        _ => inner.ReconcileAsync(key, context with { Audit = false }, ct),
    };

    public bool Accept(ReconcileTrigger trigger) => Mode != GuardMode.Off && inner.Accept(trigger);

    public void Observe(ClusterSnapshot snapshot, bool resync)
    {
        if (Mode != GuardMode.Off) inner.Observe(snapshot, resync);
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private GuardMode Mode => options().ModeOf(guard);
}
