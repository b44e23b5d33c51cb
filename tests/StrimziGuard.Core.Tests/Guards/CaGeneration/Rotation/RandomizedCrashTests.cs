using Xunit.Abstractions;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// Seeded crash storms during a cluster CA key replacement (strimzi-facts scenario 1 with random crashes of the operator and the guard,
/// and the stale-cache races). Each seed runs twice, without and with the guard, at the same crash points.
/// </summary>
public sealed class RandomizedCrashTests(ITestOutputHelper output)
{
    private const int RunsPerVersion = 150;

    [Theory]
    [InlineData(OperatorVersion.V044)]
    [InlineData(OperatorVersion.V045)]
    [InlineData(OperatorVersion.V047)]
    public void No_crash_storm_ever_yields_a_false_stamp_or_more_restarts_with_the_guard_and_all_end_in_the_same_final_state(OperatorVersion version)
    {
        var steps = RotationScenarios.KeyReplacement.Run(version, guard: false).Log.Trace;
        var failures = new List<string>();
        var (crashes, restartsWithout, restartsWith, helped, falseStamps, certFirst, certFailed, lagging) = (0, 0, 0, 0, 0, 0, 0, 0);
        var evictionConflicts = 0;
        for (var seed = 1; seed <= RunsPerVersion; seed++)
        {
            var plan = CrashPlan.For(seed * 7919 + (int)version, steps, version);
            var without = plan.Scenario.Run(version, guard: false);
            var with = plan.Scenario.Run(version, guard: true);
            crashes += without.Log.Trace.Count(t => t == "operator:restart");
            (restartsWithout, restartsWith) = (restartsWithout + without.Log.Total, restartsWith + with.Log.Total);
            helped += with.Log.Total < without.Log.Total ? 1 : 0;
            falseStamps += with.Log.FalseStamps.Count + without.Log.FalseStamps.Count;
            certFirst += plan.Options.SecretWrites == SecretWriteOrder.CertFirst ? 1 : 0;
            certFailed += plan.Options.CertWriteFails ? 1 : 0;
            lagging += plan.LaggingBroker ? 1 : 0;
            var problems = new List<string>();
            problems.AddRange(with.Log.FalseStamps.Concat(without.Log.FalseStamps).Select(f => "false stamp: " + f));
            problems.AddRange(with.Log.GuardOverreach.Select(f => "overreach: " + f));
            problems.AddRange(with.Log.TlsBreaks.Concat(without.Log.TlsBreaks).Select(f => "TLS: " + f));
            problems.AddRange(with.Log.DeniedWrites);
            if (with.Log.Total > without.Log.Total) problems.Add($"{with.Log.Total} restarts with the guard ({with.Log.Short()}), {without.Log.Total} without ({without.Log.Short()})");
            problems.AddRange(RotationInvariants.FinalProblems(without).Select(p => "without: " + p));
            problems.AddRange(RotationInvariants.FinalProblems(with).Select(p => "with: " + p));
            // An eviction between the operator's list and its PUT of the stamps looks to the planner like the roll under way (a pod being
            // recreated), so its stamp can make that PUT conflict: one failed reconciliation, no harm. Counted, not failed.
            var evictedInsideThePut = plan.Points.Any(p => p.Kind == RunPointKind.Event && p.Label == "ca:sps-listed");
            if (evictedInsideThePut) evictionConflicts += with.Log.OperatorConflicts;
            else if (version >= OperatorVersion.V045 && with.Log.OperatorConflicts > 0) problems.Add($"{with.Log.OperatorConflicts} operator stamp conflicts caused by the guard");
            if (problems.Count > 0) failures.Add($"{plan}: {string.Join("; ", problems)}");
        }
        output.WriteLine($"{RotationTable.Name(version)}: {RunsPerVersion} runs, {crashes} operator crashes, restarts {restartsWithout} without / {restartsWith} with the guard, fewer with the guard in {helped} runs, {falseStamps} false stamps" +
            (version >= OperatorVersion.V047 ? $"; split writes: {RunsPerVersion - certFirst} key first, {certFirst} cert first, {certFailed} with a failed cert write, {lagging} with a lagging broker recreated, {evictionConflicts} operator stamp conflicts after an eviction between its list and PUT" : ""));
        // The storm must actually hit the trust roll: without crashes in it the guard has nothing to save.
        Assert.True(crashes >= RunsPerVersion && helped > 0, $"only {crashes} crashes and {helped} runs where the guard saved a restart");
        Assert.True(failures.Count == 0, $"{failures.Count} of {RunsPerVersion} runs failed:\n" + string.Join("\n", failures.Take(10)));
    }

    /// <summary>The storms reach the 0.47 window: judged by the cert generation instead of the subject, the guard stamps falsely in some.</summary>
    [Fact]
    public void On_047_the_same_storms_would_find_false_stamps_if_the_guard_took_the_cert_generation_as_evidence()
    {
        var steps = RotationScenarios.KeyReplacement.Run(OperatorVersion.V047, guard: false).Log.Trace;
        var falseStamps = 0;
        for (var seed = 1; seed <= RunsPerVersion; seed++)
        {
            var plan = CrashPlan.For(seed * 7919 + (int)OperatorVersion.V047, steps, OperatorVersion.V047);
            var misjudged = plan.Scenario with { Options = plan.Options with { KafkaClaimsUserManagedCa = true } };
            falseStamps += misjudged.Run(OperatorVersion.V047, guard: true).Log.FalseStamps.Count;
        }
        output.WriteLine($"0.47+ with cert-generation evidence: {falseStamps} false stamps in {RunsPerVersion} runs");
        Assert.True(falseStamps > 0);
    }
}
