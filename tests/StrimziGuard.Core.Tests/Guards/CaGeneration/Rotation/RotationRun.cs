namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// Runs reconciliations until the cluster is quiet (one full reconciliation without a crash and without a restart), firing the
/// run points on the way, letting the other controllers and the guard act between every two operator steps, and checking TLS trust
/// after each step.
/// </summary>
internal static class RotationRun
{
    private const int MaxReconciliations = 12;

    public static ModelCluster Run(RotationScenario scenario, OperatorVersion version, bool guard, IEnumerable<RunPoint>? more = null)
    {
        var w = new ModelCluster(version, scenario.Options with { Guard = guard });
        scenario.Setup(w);
        var points = scenario.Points.Concat(more ?? []).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < MaxReconciliations; r++)
        {
            w.Log.Reconciliations++;
            w.Settle();
            var restartsBefore = w.Log.Total;
            var failed = false;
            var changedSecrets = false;
            foreach (var label in new OperatorModel(w).Reconcile())
            {
                var n = seen[label] = seen.GetValueOrDefault(label) + 1;
                w.Log.Trace.Add(label);
                changedSecrets |= label is "ca:old-cert-removed";
                failed |= label is "ca:sps-conflict" or "ca:cert-write-failed";
                foreach (var p in points.Where(p => p.Label == label && p.Occurrence == n))
                {
                    if (p.Kind == RunPointKind.Event) p.Event!(w);
                    else if (p.Kind == RunPointKind.GuardCrash) w.Guard?.Crash();
                    else failed = true;
                }
                if (failed) break;
                w.Settle();
                RotationInvariants.CheckTls(w);
            }
            if (failed)
            {
                // While the operator is down the ReplicaSet controller and the guard go on; the restarted operator's informers list afresh.
                w.Log.Trace.Add("operator:restart");
                w.Settle(podSetControllerRunning: false);
                foreach (var sps in w.PodSets.Values) sps.ControllerCacheBehind = false;
                continue;
            }
            if (w.Log.Total == restartsBefore && !changedSecrets) break;
        }
        w.Settle();
        return w;
    }
}
