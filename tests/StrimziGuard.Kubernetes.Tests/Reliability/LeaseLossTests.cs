using StrimziGuard.Testing.FakeApi;
using Xunit.Abstractions;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// The Lease taken by another replica in the middle of a reconcile, against the fake API server (a test double). The write under way
/// when it happens fails; the replica that lost must make no write once it has seen the loss, and the new leader finishes the job.
/// </summary>
public sealed class LeaseLossTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_replica_that_lost_the_Lease_mid_reconcile_writes_nothing_more_and_the_new_leader_converges()
    {
        await using var fake = await FakeApiServer.StartAsync();
        RotationWorld.Seed(fake);
        var stolen = 0;
        // A's first controller write: the Lease goes to B at that moment, and that write fails as if it had been cut off.
        fake.Faults.Fail(500, times: 1, when: r =>
            RotationWorld.IsWrite(r) && r.BearerToken == "replica-a" && (r.Resource == "strimzipodsets" || r.Resource == "networkpolicies")
            && Interlocked.Exchange(ref stolen, 1) == 0
            && Steal(fake));

        await using var a = new GuardReplica(fake, "replica-a");
        await using var b = new GuardReplica(fake, "replica-b");
        a.Start();
        await Wait.Until(() => a.Elector.IsLeader, "a leads");
        b.Start();
        await Wait.Until(() => RotationWorld.Converged(fake), "b converges the cluster", TimeSpan.FromSeconds(20));
        await Wait.Until(() => a.StoppedLeadingAt is not null,
            () => $"a has seen it lost the Lease (stolen={stolen}, a leads={a.Elector.IsLeader}, b leads={b.Elector.IsLeader})");

        foreach (var r in fake.Requests.Where(r => RotationWorld.IsWrite(r) && r.Resource != "leases")) output.WriteLine($"{r.BearerToken}: {r}");
        Assert.True(a.WritesSentAfterLoss.Count == 0, "a sent a write after it knew it lost the Lease: " + string.Join("; ", a.WritesSentAfterLoss));
        // The server log cannot fence a write already on the wire (the same window client-go has): at most the one in flight arrives late.
        var arrivedAfterLoss = fake.Requests.All.Skip(a.StoppedLeadingAt!.Value).Where(r => r.BearerToken == "replica-a" && RotationWorld.IsWrite(r) && r.Resource != "leases").ToList();
        Assert.True(arrivedAfterLoss.Count <= 1, "more than the one write in flight arrived after the loss: " + string.Join("; ", arrivedAfterLoss));
        Assert.Equal(1, stolen);
        Assert.False(a.Elector.IsLeader);
        // Whatever A still landed before it noticed (a lease cannot fence a write already on the wire: the same window client-go has)
        // and what B wrote make one end state, each write once.
        var landed = RotationWorld.ControllerWrites(fake).Where(w => w.StatusCode is >= 200 and < 300).GroupBy(w => $"{w.Verb} {w.Resource} {w.Name}");
        Assert.All(landed, g => Assert.True(g.Count() == 1, $"{g.Key} landed {g.Count()} times"));
    }

    private static bool Steal(FakeApiServer fake)
    {
        fake.StealLease(GuardReplica.LeaseNamespace, GuardReplica.LeaseName, "replica-b");
        return true;
    }
}
