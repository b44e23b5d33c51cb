using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// Every controller the guard runs, as an explicit list (house style: registration is a list, no scanning): the one place
/// <c>serve</c> (through <see cref="ControllerManager"/>) and <c>reconcile --once</c> (through <see cref="ControllerRunner"/>) take them from.
/// </summary>
public static class GuardControllers
{
    /// <param name="options">Read on every pass, so a configuration reload applies without a restart.</param>
    /// <param name="loggers">One logger category per controller; null logs nothing.</param>
    /// <param name="meter">The web host's meter (<c>GuardMetrics.Meter</c>), so controller gauges are exported with the rest; null: their own.</param>
    public static IReadOnlyList<IController> Create(Func<GuardOptions> options, ILoggerFactory? loggers = null, Meter? meter = null) =>
    [
        new GuardModeGate(new CaGenerationController(signals: null, loggers?.CreateLogger("StrimziGuard.Controllers.CaGeneration"), meter), GuardIds.CaGeneration, options),
        new GuardModeGate(new AgentPortController(options, loggers?.CreateLogger("StrimziGuard.Controllers.AgentPort"), meter), GuardIds.AgentPort, options),
    ];
}
