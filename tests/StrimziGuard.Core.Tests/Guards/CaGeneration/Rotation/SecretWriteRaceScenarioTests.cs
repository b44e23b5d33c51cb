using static StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation.RotationScenarios;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// Scenarios 18 and 19: Strimzi 0.47+ writes the cluster CA cert Secret and key Secret concurrently (#11527), so for a while the key
/// Secret shows K while ca.crt is still the old certificate, and a failed cert write leaves it so until the retry.
/// </summary>
public sealed class SecretWriteRaceScenarioTests
{
    [Theory]
    [InlineData(18, false)]
    [InlineData(18, true)]
    [InlineData(19, false)]
    [InlineData(19, true)]
    public void A_lagging_pod_recreated_while_the_key_Secret_is_ahead_of_ca_crt_is_not_stamped_and_costs_it_one_trust_roll(int scenario, bool guard)
    {
        var world = Number(scenario).Run(OperatorVersion.V047, guard);
        Assert.Empty(world.Log.FalseStamps);
        Assert.Empty(world.Log.TlsBreaks);
        Assert.Equal((1, 1), (world.Log.Of(P2, Reasons.Evicted), world.Log.Of(P2, Reasons.KeyReplaced)));
        Assert.Equal("333334/222", world.Log.Short());
        // The only pod stamps are those of scenario 1: the Deployment pods the ReplicaSet controller recreates after both writes.
        Assert.Equal(KeyReplacement.Run(OperatorVersion.V047, guard).Log.GuardPodStamps, world.Log.GuardPodStamps);
        Assert.Empty(RotationInvariants.FinalProblems(world));
    }

    [Fact]
    public void After_the_failed_cert_write_the_retry_puts_the_new_certificate_in_ca_crt_and_the_rotation_completes()
    {
        var world = Number(19).Run(OperatorVersion.V047, guard: true);
        var failed = world.Log.Trace.IndexOf("ca:cert-write-failed");
        Assert.True(failed >= 0 && world.Log.Trace[failed + 1] == "operator:restart");
        Assert.Equal((4, 1, 1), (world.Ca.CertGen, world.Ca.KeyGen, world.Ca.CurrentCertKeyGen));
    }

    /// <summary>The model must see the window: believing the Kafka CR's claim of a user-managed CA, the guard takes the cert generation
    /// (3, above the pod's 2) as evidence, stamps the pod, the operator skips it in the trust roll, and phase 2 cuts it off.</summary>
    [Theory]
    [InlineData(18)]
    [InlineData(19)]
    public void Judged_by_the_cert_generation_instead_of_the_subject_the_same_pod_would_be_stamped_falsely_and_lose_TLS(int scenario)
    {
        var misjudged = Number(scenario) with { Options = Number(scenario).Options with { KafkaClaimsUserManagedCa = true } };
        var world = misjudged.Run(OperatorVersion.V047, guard: true);
        Assert.Contains(world.Log.FalseStamps, f => f.Contains(P2, StringComparison.Ordinal));
        Assert.NotEmpty(world.Log.TlsBreaks);
    }

    [Theory]
    [InlineData(SecretWriteOrder.KeyFirst)]
    [InlineData(SecretWriteOrder.CertFirst)]
    public void Without_a_crash_either_order_of_the_two_writes_rolls_as_on_045(SecretWriteOrder order)
    {
        var scenario = KeyReplacement with { Options = new() { SecretWrites = order } };
        Assert.Equal("333333/222", scenario.Run(OperatorVersion.V047, guard: true).Log.Short());
    }

    /// <summary>Key first then a crash: the retry writes the certificate. Cert first then a crash: the force-replace annotation is still on
    /// the key Secret, so the retry replaces the key again (cert generation 5). Neither ends in a false stamp or a broken pod.</summary>
    [Theory]
    [InlineData(SecretWriteOrder.KeyFirst, "ca:key-secret-written", 4)]
    [InlineData(SecretWriteOrder.CertFirst, "ca:cert-secret-written", 5)]
    public void A_crash_between_the_two_writes_ends_in_a_finished_rotation_without_a_false_stamp(SecretWriteOrder order, string between, int certGen)
    {
        var scenario = Number(18) with { Options = new() { SecretWrites = order } };
        foreach (var guard in new[] { false, true })
        {
            var world = RotationRun.Run(scenario, OperatorVersion.V047, guard, [RunPoint.OperatorCrash(between)]);
            Assert.Empty(world.Log.FalseStamps);
            Assert.Empty(world.Log.TlsBreaks);
            Assert.Empty(RotationInvariants.FinalProblems(world));
            Assert.Equal((certGen, 1), (world.Ca.CertGen, world.Ca.KeyGen));
        }
    }
}
