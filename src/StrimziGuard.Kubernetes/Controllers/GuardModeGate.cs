using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// The one place a guard's mode reaches its controller (README, "Modes"): <c>Off</c> lists no keys and reconciles nothing, so not even the
/// start-up audit of existing objects runs; every other mode passes through, and the controller itself turns <c>Audit</c> into logged and
/// counted would-be writes (only it knows what a write means), never a call to the API server.
/// </summary>
public sealed class GuardModeGate(IController inner, string guard, Func<GuardOptions> options) : IController, IDisposable
{
    public string Name => inner.Name;

    public IController Inner => inner;

    public IEnumerable<string> Keys(ClusterSnapshot snapshot) => Off ? [] : inner.Keys(snapshot);

    public Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct) =>
        Off ? Task.CompletedTask : inner.ReconcileAsync(key, context, ct);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private bool Off => options().ModeOf(guard) == GuardMode.Off;
}
