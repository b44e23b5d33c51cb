using V1Lease = k8s.Models.V1Lease;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.Leader;

public sealed class LeaderElectionTests() : FakeApiServerTest(clientOptions: new KubeClientOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(1) })
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Two_electors_on_one_lease_make_exactly_one_leader()
    {
        var a = Elector("a");
        var b = Elector("b");
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(a.RunAsync(stop.Token), b.RunAsync(stop.Token));

        await Wait.Until(() => a.IsLeader || b.IsLeader, "someone leads");
        var watchUntil = DateTime.UtcNow + LeaseDuration * 1.5;
        while (DateTime.UtcNow < watchUntil)
        {
            Assert.False(a.IsLeader && b.IsLeader, "two leaders at once");
            await Task.Yield();
        }
        Assert.True(a.IsLeader ^ b.IsLeader);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Failover_happens_within_the_lease_duration_after_the_leader_stops_renewing()
    {
        var a = Elector("a", release: false);
        using var stopA = new CancellationTokenSource();
        var runningA = a.RunAsync(stopA.Token);
        await Wait.Until(() => a.IsLeader, "a leads");
        var b = Elector("b");
        using var stopB = new CancellationTokenSource();
        var runningB = b.RunAsync(stopB.Token);
        await Wait.Until(() => Fake.Requests.Count("get", "leases") > 3, "b has looked at the lease");

        // a stops renewing without releasing (a crash): b may take over once the lease has not changed for its duration.
        await stopA.CancelAsync();
        await runningA;
        var stoppedAt = DateTime.UtcNow;
        await Wait.Until(() => b.IsLeader, "b takes over");

        // Never before the lease could have expired: a renews every retry period, so its last renewal lies well within its renew
        // deadline before it stopped. And well within two lease durations, with room for a CI machine whose thread pool runs late
        // (a bound of three retry periods failed there).
        var failover = DateTime.UtcNow - stoppedAt;
        Assert.True(failover >= LeaseDuration - RenewDeadline, $"b took over {failover} after a stopped, before the lease expired");
        Assert.True(failover <= LeaseDuration * 2, $"failover took {failover}");
        var lease = await Client.GetAsync<V1Lease>(KubeResources.Leases, "guard", "strimzi-guard");
        Assert.Equal("b", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        await stopB.CancelAsync();
        await runningB;
    }

    [Fact]
    public async Task Leader_steps_down_at_once_when_the_lease_is_stolen()
    {
        var a = Elector("a");
        using var stop = new CancellationTokenSource();
        var running = a.RunAsync(stop.Token);
        var term = await a.WhenLeaderAsync(stop.Token);

        Fake.StealLease("guard", "strimzi-guard", "intruder");

        await Wait.Until(() => term.IsCancellationRequested, "the leadership token is cancelled", RetryPeriod * 5);
        Assert.False(a.IsLeader);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Leader_steps_down_when_renewal_fails_past_the_renew_deadline()
    {
        var a = Elector("a");
        using var stop = new CancellationTokenSource();
        var running = a.RunAsync(stop.Token);
        var term = await a.WhenLeaderAsync(stop.Token);

        Fake.Faults.Fail(500, times: 1000, when: r => r.Resource == "leases");
        var failingSince = DateTime.UtcNow;

        await Wait.Until(() => term.IsCancellationRequested, "the leader gives up");
        Assert.True(DateTime.UtcNow - failingSince < LeaseDuration, "it must stop before another replica may take over");
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Shutdown_releases_the_lease_so_another_replica_need_not_wait()
    {
        var a = Elector("a");
        using var stop = new CancellationTokenSource();
        var running = a.RunAsync(stop.Token);
        await Wait.Until(() => a.IsLeader, "a leads");

        await stop.CancelAsync();
        await running;

        var lease = await Client.GetAsync<V1Lease>(KubeResources.Leases, "guard", "strimzi-guard");
        Assert.Null(lease.Spec!.HolderIdentity);
        var b = Elector("b");
        using var stopB = new CancellationTokenSource();
        var runningB = b.RunAsync(stopB.Token);
        await Wait.Until(() => b.IsLeader, "b leads at once", RetryPeriod * 5);
        await stopB.CancelAsync();
        await runningB;
    }

    [Fact]
    public async Task StoppedLeading_is_raised_once_per_term_after_the_term_token_and_its_callbacks_have_run()
    {
        var a = Elector("a");
        var stopped = 0;
        var callbackDone = false;
        var sawCancelledAndDone = false;
        a.StoppedLeading += () =>
        {
            Interlocked.Increment(ref stopped);
            sawCancelledAndDone = !a.IsLeader && a.LeadershipToken.IsCancellationRequested && Volatile.Read(ref callbackDone);
        };
        using var stop = new CancellationTokenSource();
        var running = a.RunAsync(stop.Token);
        var term = await a.WhenLeaderAsync(stop.Token);
        // A slow writer winding down on the token: the event waits for it rather than racing it.
        term.Register(() => { Thread.Sleep(200); Volatile.Write(ref callbackDone, true); });

        Fake.StealLease("guard", "strimzi-guard", "intruder");

        await Wait.Until(() => Volatile.Read(ref stopped) > 0, "StoppedLeading is raised");
        Assert.True(sawCancelledAndDone, "StoppedLeading was raised before the term token's callbacks had run");
        await stop.CancelAsync();
        await running;
        Assert.Equal(1, stopped);
    }

    [Fact]
    public async Task A_throwing_callback_neither_suppresses_StoppedLeading_nor_ends_the_election()
    {
        var a = Elector("a");
        var started = 0;
        var stopped = 0;
        a.StartedLeading += () => throw new InvalidOperationException("started handler bug");
        a.StartedLeading += () => Interlocked.Increment(ref started);
        a.StoppedLeading += () => throw new InvalidOperationException("stopped handler bug");
        a.StoppedLeading += () => Interlocked.Increment(ref stopped);
        using var stop = new CancellationTokenSource();
        var running = a.RunAsync(stop.Token);
        var term = await a.WhenLeaderAsync(stop.Token);
        term.Register(() => throw new InvalidOperationException("writer bug"));

        Fake.StealLease("guard", "strimzi-guard", "intruder");

        await Wait.Until(() => Volatile.Read(ref stopped) == 1, "StoppedLeading is raised despite the throwing callbacks");
        Assert.True(term.IsCancellationRequested);
        // The intruder never renews: once its lease has not changed for its duration, a leads again (the loop survived).
        await Wait.Until(() => a.IsLeader, "a leads again", LeaseDuration + RetryPeriod * 10);
        Assert.False(running.IsCompleted);
        Assert.Equal(2, started);
        await stop.CancelAsync();
        await running;
        Assert.Equal(2, stopped);
    }

    private LeaderElector Elector(string identity, bool release = true) => new(Client, new LeaderElectionOptions("guard", "strimzi-guard", identity)
    {
        LeaseDuration = LeaseDuration,
        RenewDeadline = RenewDeadline,
        RetryPeriod = RetryPeriod,
        ReleaseOnCancel = release,
    });
}
