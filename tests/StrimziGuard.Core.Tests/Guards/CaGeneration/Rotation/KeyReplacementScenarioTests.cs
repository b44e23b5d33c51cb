using static StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation.RotationScenarios;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>strimzi-facts scenarios 1-6: a cluster CA key replacement, without and with a crash of the operator in each phase.</summary>
public sealed class KeyReplacementScenarioTests
{
    private static RotationLog Run(int scenario, OperatorVersion version, bool guard) => Number(scenario).Run(version, guard).Log;

    [Theory]
    [InlineData(OperatorVersion.V044, false)]
    [InlineData(OperatorVersion.V044, true)]
    [InlineData(OperatorVersion.V045, false)]
    [InlineData(OperatorVersion.V047, false)]
    [InlineData(OperatorVersion.V045, true)]
    [InlineData(OperatorVersion.V047, true)]
    public void Without_a_crash_every_Kafka_pod_rolls_once_per_phase_and_the_Deployment_pods_twice(OperatorVersion version, bool guard)
    {
        var log = Run(1, version, guard);
        Assert.Equal("333333/222", log.Short());
        Assert.All(KafkaPods, p => Assert.Equal((1, 1, 1), (log.Of(p, Reasons.KeyReplaced), log.Of(p, Reasons.CertRenewed), log.Of(p, Reasons.CertRemoved))));
    }

    [Fact]
    public void On_045_the_guard_writes_no_entry_and_never_makes_the_operators_stamp_conflict()
    {
        var log = Run(1, OperatorVersion.V045, guard: true);
        Assert.Equal((0, 0, 0), (log.GuardEntryWrites, log.GuardConflicts, log.OperatorConflicts));
    }

    [Fact]
    public void On_044_the_guard_stamps_the_entries_once_the_first_pod_is_rolled()
    {
        var log = Run(1, OperatorVersion.V044, guard: true);
        Assert.Equal(2, log.GuardEntryWrites);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Crash_in_the_middle_of_the_trust_roll_on_045_restarts_only_the_pods_not_yet_rolled(bool guard)
    {
        var log = Run(2, OperatorVersion.V045, guard);
        Assert.Equal("333333/222", log.Short());
        Assert.All(KafkaPods, p => Assert.Equal(1, log.Of(p, Reasons.KeyReplaced)));
    }

    /// <summary>0.44's predicate rolls every pod while any pod is behind; P1 and P2 are live and behind, so no stamp can help (§3 "Gaps").</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Crash_in_the_middle_of_the_trust_roll_on_044_rolls_all_six_again_and_the_guard_cannot_help(bool guard)
    {
        var log = Run(2, OperatorVersion.V044, guard);
        Assert.Equal("444433/222", log.Short());
        Assert.Equal([2, 2, 2, 2, 1, 1], KafkaPods.Select(p => log.Of(p, Reasons.KeyReplaced)));
    }

    [Theory]
    [InlineData(OperatorVersion.V044, false)]
    [InlineData(OperatorVersion.V044, true)]
    [InlineData(OperatorVersion.V045, false)]
    [InlineData(OperatorVersion.V047, false)]
    [InlineData(OperatorVersion.V045, true)]
    [InlineData(OperatorVersion.V047, true)]
    public void Crash_after_the_stamp_before_any_deletion_still_rolls_all_six_because_the_live_pods_decide(OperatorVersion version, bool guard)
    {
        var log = Run(3, version, guard);
        Assert.Equal("333333/222", log.Short());
        Assert.All(KafkaPods, p => Assert.Equal(1, log.Of(p, Reasons.KeyReplaced)));
    }

    [Fact]
    public void Crash_after_the_trust_roll_on_045_deletes_only_the_Deployment_pods_again_without_the_guard()
    {
        var log = Run(4, OperatorVersion.V045, guard: false);
        Assert.Equal("333333/333", log.Short());
        Assert.All(KafkaPods, p => Assert.Equal(1, log.Of(p, Reasons.KeyReplaced)));
    }

    /// <summary>The ReplicaSet controller's creates are stamped too, so after the crash no pod is behind and no trust roll runs at all.</summary>
    [Theory]
    [InlineData(OperatorVersion.V044)]
    [InlineData(OperatorVersion.V045)]
    [InlineData(OperatorVersion.V047)]
    public void Crash_after_the_trust_roll_with_the_guard_repeats_no_trust_roll_on_either_version(OperatorVersion version)
    {
        var log = Run(4, version, guard: true);
        Assert.Equal("333333/222", log.Short());
        Assert.Equal(9, log.Reason(Reasons.KeyReplaced));
    }

    [Fact]
    public void Crash_after_the_trust_roll_on_044_without_the_guard_rolls_everything_again()
    {
        Assert.Equal("444444/333", Run(4, OperatorVersion.V044, guard: false).Short());
    }

    [Theory]
    [InlineData(OperatorVersion.V044, false, "444433/333")]
    [InlineData(OperatorVersion.V044, true, "333333/222")]
    [InlineData(OperatorVersion.V045, false, "333333/333")]
    [InlineData(OperatorVersion.V047, false, "333333/333")]
    [InlineData(OperatorVersion.V045, true, "333333/222")]
    [InlineData(OperatorVersion.V047, true, "333333/222")]
    public void Crash_in_the_middle_of_phase_2_rolls_P1_and_P2_for_their_old_generation_and_no_Kafka_pod_for_trust_with_the_guard(
        OperatorVersion version, bool guard, string restarts)
    {
        var log = Run(5, version, guard);
        Assert.Equal(restarts, log.Short());
        // After the restart the certRenewed flag is gone: P1 and P2 roll for their old cc (and revision), C3-C5 and P0 are not rolled again.
        Assert.Equal((1, 0, 0), (log.Of(C3, Reasons.CertRenewed), log.Of(P1, Reasons.CertRenewed), log.Of(P2, Reasons.CertRenewed)));
        if (guard || version >= OperatorVersion.V045)
            Assert.Equal((1, 1, 1), (log.Of(P1, Reasons.OldGeneration), log.Of(P1, Reasons.KeyReplaced), log.Of(C3, Reasons.KeyReplaced)));
        else
            Assert.Equal((2, 2), (log.Of(P1, Reasons.KeyReplaced), log.Of(C3, Reasons.KeyReplaced))); // ≤0.44 trust-rolls all six again instead
        Assert.Empty(log.TlsBreaks);
    }

    /// <summary>No annotation tracks phase 3 (strimzi-facts §3 "Gaps"): P1 and P2 keep trusting the old certificate, and the guard invents nothing.</summary>
    [Theory]
    [InlineData(OperatorVersion.V044, false)]
    [InlineData(OperatorVersion.V044, true)]
    [InlineData(OperatorVersion.V045, false)]
    [InlineData(OperatorVersion.V047, false)]
    [InlineData(OperatorVersion.V045, true)]
    [InlineData(OperatorVersion.V047, true)]
    public void Crash_in_the_middle_of_phase_3_leaves_P1_and_P2_unrolled_a_known_gap(OperatorVersion version, bool guard)
    {
        var world = Number(6).Run(version, guard);
        Assert.Equal("333322/222", world.Log.Short());
        Assert.Equal((0, 0), (world.Log.Of(P1, Reasons.CertRemoved), world.Log.Of(P2, Reasons.CertRemoved)));
        Assert.Contains(0, world.Pods[P1].Trusts);
        Assert.Empty(world.Ca.OldCertKeyGens);
    }

    private static readonly string[] KafkaPods = ModelCluster.KafkaPodNames;
}
