using static StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation.RotationScenarios;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>strimzi-facts scenarios 13-17: pods recreated outside a roll, stale caches, conflicting writers, scale-up, API versions.</summary>
public sealed class RaceScenarioTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pod_evicted_during_the_trust_roll_on_045_comes_back_stamped_and_is_not_rolled_again(bool guard)
    {
        var log = Number(13).Run(OperatorVersion.V045, guard).Log;
        Assert.Equal((1, 0), (log.Of(P2, Reasons.Evicted), log.Of(P2, Reasons.KeyReplaced)));
        Assert.Equal("333333/222", log.Short());
    }

    /// <summary>≤0.44 rolls every pod in the trust roll whatever the pod says, so the eviction costs one restart with or without the guard.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pod_evicted_during_the_trust_roll_on_044_is_rolled_anyway(bool guard)
    {
        var log = Number(13).Run(OperatorVersion.V044, guard).Log;
        Assert.Equal((1, 1), (log.Of(P2, Reasons.Evicted), log.Of(P2, Reasons.KeyReplaced)));
    }

    [Fact]
    public void A_recreate_from_a_stale_cache_costs_045_one_extra_trust_roll_per_pod_after_a_crash()
    {
        var log = Number(14).Run(OperatorVersion.V045, guard: false).Log;
        Assert.Equal((2, 2), (log.Of(C3, Reasons.KeyReplaced), log.Of(P0, Reasons.KeyReplaced)));
    }

    /// <summary>
    /// The CREATE stamp makes up for the stale entry, so nothing is trust-rolled twice. C3 and P0 still restart a fourth time: their
    /// phase-2 recreate also came from a stale entry with the old revision, which only the operator may fix (the guard never touches revision).
    /// </summary>
    [Theory]
    [InlineData(OperatorVersion.V044)]
    [InlineData(OperatorVersion.V045)]
    [InlineData(OperatorVersion.V047)]
    public void A_recreate_from_a_stale_cache_is_stamped_on_CREATE_so_the_guard_saves_the_extra_trust_roll(OperatorVersion version)
    {
        var log = Number(14).Run(version, guard: true).Log;
        Assert.All(ModelCluster.KafkaPodNames, p => Assert.Equal(1, log.Of(p, Reasons.KeyReplaced)));
        Assert.Equal("433433/222", log.Short());
        Assert.True(log.GuardPodStamps > 0);
    }

    [Theory]
    [InlineData(OperatorVersion.V044)]
    [InlineData(OperatorVersion.V045)]
    [InlineData(OperatorVersion.V047)]
    public void A_guard_planning_from_a_stale_cache_fails_its_test_ops_replans_and_never_lowers_an_entry(OperatorVersion version)
    {
        var world = Number(15).Run(version, guard: true);
        Assert.True(world.Log.GuardConflicts > 0);
        Assert.Empty(world.Log.GuardOverreach);
        Assert.Equal("333333/222", world.Log.Short());
        Assert.All(world.PodSets.Values.SelectMany(s => s.Entries), e => Assert.Equal(1, e.Ck));
    }

    /// <summary>KafkaReconciler's PUT carries no resourceVersion and overwrites the guard's stamp with the same key generation.</summary>
    [Fact]
    public void KafkaReconcilers_PUT_after_the_guards_stamp_wins_and_agrees_on_the_key_generation()
    {
        var world = Number(1).Run(OperatorVersion.V044, guard: true);
        var stamped = world.Log.Trace.IndexOf($"ca:roll:up:{C3}");
        var put = world.Log.Trace.IndexOf("kafka:sps");
        Assert.True(world.Log.GuardEntryWrites > 0 && stamped < put);
        Assert.All(world.PodSets.Values.SelectMany(s => s.Entries), e => Assert.Equal((4, 1), (e.Cc, e.Ck)));
    }

    [Theory]
    [InlineData(OperatorVersion.V044, false)]
    [InlineData(OperatorVersion.V044, true)]
    [InlineData(OperatorVersion.V045, false)]
    [InlineData(OperatorVersion.V047, false)]
    [InlineData(OperatorVersion.V045, true)]
    [InlineData(OperatorVersion.V047, true)]
    public void A_node_added_during_the_rotation_is_never_trust_rolled(OperatorVersion version, bool guard)
    {
        var world = Number(16).Run(version, guard);
        Assert.Equal(0, world.Log.Of(P6, Reasons.KeyReplaced));
        Assert.Equal((4, 1, 3), (world.Pods[P6].Cc, world.Pods[P6].Ck, world.Pods[P6].Cl));
        Assert.Equal("333333+2/222", world.Log.Short());
    }

    [Theory]
    [InlineData("core.strimzi.io/v1beta2", false)]
    [InlineData("core.strimzi.io/v1", false)]
    [InlineData("core.strimzi.io/v1", true)]
    public void Every_API_version_and_annotation_layout_gives_the_same_decisions(string apiVersion, bool layout1x)
    {
        var crashMidTrustRoll = Number(2) with { Options = new() { ApiVersion = apiVersion, Layout1x = layout1x } };
        foreach (var version in Enum.GetValues<OperatorVersion>())
        {
            var with = crashMidTrustRoll.Run(version, guard: true).Log;
            Assert.Equal(Number(2).Run(version, guard: true).Log.Short(), with.Short());
            Assert.Equal(version == OperatorVersion.V044, with.GuardEntryWrites > 0);
        }
    }
}
