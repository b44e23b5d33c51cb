using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// Applies <see cref="StrimziPodSetStampPlanner"/>'s plan for each Kafka cluster: JSON Patches that raise StrimziPodSet entries to the
/// current CA key generation during a key replacement. No decision is made here. A patch whose <c>test</c> fails (the object changed since
/// it was read: 422) or that conflicts (409) is thrown, so the loop retries it with backoff and a fresher snapshot, and re-plans.
/// It owns its trigger: the admission path's "trust roll started" (<see cref="PodRollTriggerPolicy"/>, addressed to the guard by name)
/// marks the cluster in its <see cref="RollSignals"/>. In Audit mode (<see cref="ControllerContext.Audit"/>) it logs and counts what it
/// would write; the guard's mode is applied by <see cref="GuardModeGate"/>.
/// </summary>
internal sealed class CaGenerationController(RollSignals? signals = null, ILogger? logger = null, Meter? meter = null) : IController
{
    private readonly Counter<long> entries = (meter ?? new Meter(CaGenerationMetricsMeterName)).CreateCounter<long>(
        "strimzi_guard_ca_stamps", "{entry}", "StrimziPodSet entries the controller stamped (result=stamped), would have stamped in Audit mode (audited), or left behind because the precondition did not hold (refused)");

    private readonly RollSignals signals = signals ?? new RollSignals();
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>The meter name used when no meter is given (one-off runs and tests); the server passes its own.</summary>
    public const string CaGenerationMetricsMeterName = "StrimziGuard";

    public string Name => GuardIds.CaGeneration;

    /// <summary>A trust roll the admission path saw start: the cluster is stamped on its next reconcile even before the cache shows the roll.</summary>
    public bool Accept(ReconcileTrigger trigger)
    {
        if (trigger.Controller != Name) return false;
        signals.Signal(trigger.Namespace, trigger.Name);
        return true;
    }

    public IEnumerable<string> Keys(ClusterSnapshot snapshot) =>
        snapshot.StrimziPodSets.All
            .Select(s => KafkaPods.ClusterOf(s) is { } cluster && KafkaPods.IsKafkaPodSet(s, cluster) ? RollSignals.Key(s.Namespace ?? "", cluster) : null)
            .OfType<string>()
            .Concat(signals.Keys)
            .Distinct(StringComparer.Ordinal);

    public async Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct)
    {
        var slash = key.IndexOf('/');
        var (ns, cluster) = (key[..slash], key[(slash + 1)..]);
        var plan = StrimziPodSetStampPlanner.Plan(context.Snapshot, ns, cluster, signals.IsSignalled(key));
        foreach (var skipped in plan.Skipped)
        {
            CaGenerationLog.NotStamped(logger, ns, cluster, skipped);
            entries.Add(1, new("namespace", ns), new("cluster", cluster), new("result", "refused"));
        }
        foreach (var write in plan.Writes)
        {
            if (context.Audit)
            {
                CaGenerationLog.WouldStamp(logger, ns, cluster, write.ToString(), plan.Reason);
                entries.Add(write.Entries.Count, new("namespace", ns), new("cluster", cluster), new("result", "audited"));
                continue;
            }
            var resource = KubeResources.StrimziPodSets.WithVersion(write.PodSet.Version);
            await context.Client.PatchAsync<StrimziPodSet>(resource, ns, write.PodSet.Name, KubePatch.Json(write.Patch), ct).ConfigureAwait(false);
            entries.Add(write.Entries.Count, new("namespace", ns), new("cluster", cluster), new("result", "stamped"));
            foreach (var entry in write.Entries)
                CaGenerationLog.Stamped(logger, ns, cluster, write.PodSet.Name, entry.PodName, entry.From, entry.To, entry.Evidence, plan.Reason);
        }
        if (plan.Writes.Count == 0 && plan.Skipped.Count == 0) signals.Clear(key);
    }
}
