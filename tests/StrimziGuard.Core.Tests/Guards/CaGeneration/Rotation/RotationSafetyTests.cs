namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>What every scenario must show on both versions, with and without the guard (architecture §1 Guard 1: never claim trust a pod lacks).</summary>
public sealed class RotationSafetyTests
{
    public static TheoryData<int, OperatorVersion> Runs()
    {
        var data = new TheoryData<int, OperatorVersion>();
        foreach (var s in RotationScenarios.All) foreach (var v in s.Versions) data.Add(s.Number, v);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_guard_never_stamps_false_trust_never_touches_anything_else_and_never_adds_a_restart(int scenario, OperatorVersion version)
    {
        var without = RotationScenarios.Number(scenario).Run(version, guard: false);
        var with = RotationScenarios.Number(scenario).Run(version, guard: true);
        foreach (var log in new[] { without.Log, with.Log })
        {
            Assert.Empty(log.FalseStamps);
            Assert.Empty(log.TlsBreaks);
            Assert.Empty(log.DeniedWrites);
        }
        Assert.Empty(with.Log.GuardOverreach);
        Assert.Equal(0, with.Log.OperatorConflicts);
        Assert.True(with.Log.Total <= without.Log.Total, $"{with.Log.Total} restarts with the guard, {without.Log.Total} without");
        Assert.All(with.Log.Restarts, r => Assert.True(r.Value.Count <= without.Log.Of(r.Key), $"{r.Key} restarted more often with the guard"));
    }

    /// <summary>Scenario 12 ends with P0 still lacking its key generation: Strimzi never rewrites a running pod, and the guard never adds one.</summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_run_ends_with_all_pods_at_the_final_generations_and_the_old_certificate_removed_where_Strimzi_removes_it(int scenario, OperatorVersion version)
    {
        foreach (var guard in new[] { false, true })
        {
            var problems = RotationInvariants.FinalProblems(RotationScenarios.Number(scenario).Run(version, guard));
            if (scenario == 12) Assert.Equal(["my-cluster-broker-0 is [3,,3], entry [3,0,3], CA 3/0/3"], problems);
            else Assert.Empty(problems);
        }
    }
}
