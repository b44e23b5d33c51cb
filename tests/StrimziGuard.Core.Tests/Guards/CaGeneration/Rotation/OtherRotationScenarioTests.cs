using StrimziGuard.Core.Options;
using StrimziGuard.Testing;
using static StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation.RotationScenarios;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>strimzi-facts scenarios 7-12: rotations without a new cluster CA key, where the guard must stamp nothing.</summary>
public sealed class OtherRotationScenarioTests
{
    public static TheoryData<int, OperatorVersion, bool> Versions(int scenario) =>
        new() { { scenario, OperatorVersion.V044, false }, { scenario, OperatorVersion.V044, true }, { scenario, OperatorVersion.V045, false }, { scenario, OperatorVersion.V045, true },
            { scenario, OperatorVersion.V047, false }, { scenario, OperatorVersion.V047, true } };

    [Theory]
    [MemberData(nameof(Versions), 7)]
    public void Cert_renewal_with_the_same_key_is_one_KafkaReconciler_roll_and_no_stamp(int scenario, OperatorVersion version, bool guard)
    {
        var world = Number(scenario).Run(version, guard);
        Assert.Equal("111111/111", world.Log.Short());
        Assert.Equal(0, world.Log.Reason(Reasons.KeyReplaced));
        AssertNothingStamped(world.Log);
        Assert.All(ModelCluster.KafkaPodNames, p => Assert.Equal((4, 0, 3), (world.Pods[p].Cc, world.Pods[p].Ck, world.Pods[p].Cl)));
    }

    [Theory]
    [InlineData(OperatorVersion.V044, false, "222222/000")]
    [InlineData(OperatorVersion.V044, true, "222222/000")]
    [InlineData(OperatorVersion.V045, false, "111111/000")]
    [InlineData(OperatorVersion.V047, false, "111111/000")]
    [InlineData(OperatorVersion.V045, true, "111111/000")]
    [InlineData(OperatorVersion.V047, true, "111111/000")]
    public void Clients_CA_key_replacement_rolls_once_on_045_and_twice_on_044_with_nothing_to_stamp(OperatorVersion version, bool guard, string restarts)
    {
        var world = Number(8).Run(version, guard);
        Assert.Equal(restarts, world.Log.Short());
        AssertNothingStamped(world.Log);
        Assert.All(ModelCluster.KafkaPodNames, p => Assert.Equal((3, 0, 4), (world.Pods[p].Cc, world.Pods[p].Ck, world.Pods[p].Cl)));
    }

    [Theory]
    [MemberData(nameof(Versions), 9)]
    public void A_postponed_rotation_changes_and_rolls_nothing(int scenario, OperatorVersion version, bool guard)
    {
        var world = Number(scenario).Run(version, guard);
        Assert.Equal(0, world.Log.Total);
        Assert.Equal((3, 0, true), (world.Ca.CertGen, world.Ca.KeyGen, world.Ca.ForceReplace));
        AssertNothingStamped(world.Log);
    }

    /// <summary>No operator-made subject to read here: the guard's evidence is the cert generation above the pods' (strimzi-facts §1).</summary>
    [Theory]
    [MemberData(nameof(Versions), 10)]
    public void A_users_key_replacement_rolls_like_scenario_1_without_phase_3_and_keeps_the_old_certificate(int scenario, OperatorVersion version, bool guard)
    {
        var world = Number(scenario).Run(version, guard);
        Assert.Equal("222222/222", world.Log.Short());
        Assert.Equal(0, world.Log.Reason(Reasons.CertRemoved));
        Assert.Equal([0], world.Ca.OldCertKeyGens);
        Assert.Equal(guard && version == OperatorVersion.V044, world.Log.GuardEntryWrites > 0);
    }

    [Theory]
    [InlineData(OperatorVersion.V044, false, "333322/222")]
    [InlineData(OperatorVersion.V044, true, "333322/222")]
    [InlineData(OperatorVersion.V045, false, "222222/222")]
    [InlineData(OperatorVersion.V047, false, "222222/222")]
    [InlineData(OperatorVersion.V045, true, "222222/222")]
    [InlineData(OperatorVersion.V047, true, "222222/222")]
    public void A_crash_in_a_users_key_replacement_follows_scenario_2(OperatorVersion version, bool guard, string restarts)
    {
        var world = RotationRun.Run(Number(10), version, guard, [RunPoint.OperatorCrash($"ca:roll:up:{P0}")]);
        Assert.Equal(restarts, world.Log.Short());
    }

    [Theory]
    [InlineData(OperatorVersion.V044, false, "222222/222")]
    [InlineData(OperatorVersion.V044, true, "222222/222")]
    [InlineData(OperatorVersion.V045, false, "111111/111")]
    [InlineData(OperatorVersion.V047, false, "111111/111")]
    [InlineData(OperatorVersion.V045, true, "111111/111")]
    [InlineData(OperatorVersion.V047, true, "111111/111")]
    public void A_users_cert_only_change_rolls_once_on_045_and_twice_on_044(OperatorVersion version, bool guard, string restarts)
    {
        var world = Number(11).Run(version, guard);
        Assert.Equal(restarts, world.Log.Short());
        AssertNothingStamped(world.Log);
    }

    /// <summary>0.45 reads a missing cc as 0 (CaCertHasOldGeneration); a missing ck counts as trusted and the guard never adds one.</summary>
    [Theory]
    [MemberData(nameof(Versions), 12)]
    public void Missing_annotations_roll_the_pod_without_cc_and_leave_the_pod_without_ck_alone(int scenario, OperatorVersion version, bool guard)
    {
        var world = Number(scenario).Run(version, guard);
        Assert.Equal("000010/000", world.Log.Short());
        Assert.Equal(1, world.Log.Of(P1, Reasons.OldGeneration));
        Assert.Null(world.Pods[P0].Ck);
        AssertNothingStamped(world.Log);
    }

    [Fact]
    public void A_non_numeric_generation_written_by_a_user_is_denied_because_the_operator_would_throw_on_it()
    {
        var world = new ModelCluster(OperatorVersion.V045, new RotationOptions());
        var pod = world.PodObject(world.Pods[P0]).Json;
        var changed = pod.DeepClone();
        changed["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] = "one";
        var decision = new AdmissionDispatcher(PolicyCatalog.Default).Review(Requests.Update(pod, changed), world.Snapshot(), GuardOptions.Default);
        Assert.False(decision.Allowed);
    }

    private static void AssertNothingStamped(RotationLog log) => Assert.Equal((0, 0), (log.GuardPodStamps, log.GuardEntryWrites));
}
