using static StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation.RotationScenarios;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>
/// Scenario 4's negative case (PR #10749, strimzi-facts §3): had the pods been stamped with the new cluster-ca-cert-generation during the
/// trust roll, the next reconciliation would take the CA as fully used and remove the old certificate while every node still presents
/// a certificate signed by the old key. The model must see that as a TLS break, which is why the guard never touches cc.
/// </summary>
public sealed class CertRemovalNegativeCaseTests
{
    [Theory]
    [InlineData(OperatorVersion.V044)]
    [InlineData(OperatorVersion.V045)]
    [InlineData(OperatorVersion.V047)]
    public void A_cert_generation_stamp_after_the_trust_roll_gets_the_old_certificate_removed_while_still_in_use(OperatorVersion version)
    {
        var stampCertGeneration = RunPoint.At("ca:done", w =>
        {
            foreach (var pod in w.Pods.Keys.ToArray()) w.Replace(pod, p => p with { Cc = 4 });
        });
        var world = RotationRun.Run(Number(4), version, guard: false, [stampCertGeneration]);
        var removed = world.Log.Trace.IndexOf("ca:old-cert-removed");
        var reissued = world.Log.Trace.IndexOf("kafka:node-certs");
        Assert.True(removed >= 0 && removed < reissued, "the old certificate goes before the node certificates are re-issued");
        Assert.NotEmpty(world.Log.TlsBreaks);
    }

    [Theory]
    [InlineData(OperatorVersion.V044)]
    [InlineData(OperatorVersion.V045)]
    [InlineData(OperatorVersion.V047)]
    public void Without_that_stamp_the_old_certificate_stays_until_every_pod_presents_the_new_one(OperatorVersion version)
    {
        var world = Number(4).Run(version, guard: true);
        var removed = world.Log.Trace.IndexOf("ca:old-cert-removed");
        var lastPhase2 = world.Log.Trace.LastIndexOf($"kafka:roll:up:{P2}", removed);
        Assert.True(lastPhase2 >= 0 && lastPhase2 < removed);
        Assert.Empty(world.Log.TlsBreaks);
    }
}
