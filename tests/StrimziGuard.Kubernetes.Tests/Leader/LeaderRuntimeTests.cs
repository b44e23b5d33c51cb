using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Kubernetes.Tests.ServingCertificates;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.Tests.Leader;

/// <summary>One leader runtime: one Lease, and per term every leader task on the term's token. Against the fake API server (a test double).</summary>
public sealed class LeaderRuntimeTests
{
    [Fact]
    public async Task The_controllers_and_the_rotator_start_with_a_term_all_stop_when_the_Lease_is_lost_and_start_again_in_the_next_term()
    {
        await using var world = await ServingCertWorld.StartAsync();
        using var client = world.Fake.CreateClient();
        var caches = ClusterCaches.Create(client);
        var rotator = new Probe(new ServingCertRotator(client, ServingCertWorld.Options));
        var controllers = new Probe(new ControllerManager(client, caches.Snapshots, GuardControllers.Create(() => GuardOptions.Default)));
        var elector = new LeaderElector(client, new LeaderElectionOptions("strimzi-guard", "strimzi-guard-leader", "replica-a")
        {
            LeaseDuration = TimeSpan.FromSeconds(4), RenewDeadline = TimeSpan.FromSeconds(3), RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        // At the moment the elector announces a loss, the term token of every task still running must already be cancelled.
        var losses = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        elector.StoppedLeading += () => losses.Enqueue(new[] { rotator, controllers }.All(p => !p.Running || p.Term.IsCancellationRequested));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var running = Task.WhenAll(caches.RunAsync(stop.Token), new LeaderRuntime(elector, [rotator, controllers]).RunAsync(stop.Token));
        var patience = TimeSpan.FromSeconds(45);

        await Wait.Until(() => rotator.Running && controllers.Running, "both leader tasks run in the first term", patience);
        await Wait.Until(() => world.Fake.Get("", "secrets", "strimzi-guard", ServingCertWorld.Options.ServingSecretName) is not null, "the rotator issued the certificate", patience);
        await Wait.Until(() => rotator.Running && controllers.Running, "both leader tasks run", patience);
        var (rotatorStarts, controllerStarts) = (rotator.Starts, controllers.Starts);
        world.Fake.StealLease("strimzi-guard", "strimzi-guard-leader", "replica-b");
        await Wait.Until(() => !rotator.Running && !controllers.Running, "both leader tasks stopped with the term", patience);

        // The tasks may stop on the cancelled token before the elector has gone on to announce the loss.
        await Wait.Until(() => !losses.IsEmpty, "the elector announced the loss", patience);
        Assert.All(losses, Assert.True);
        // replica-b never renews: once the Lease has expired by this replica's clock, the next term runs both again.
        await Wait.Until(() => rotator.Starts > rotatorStarts && controllers.Starts > controllerStarts && rotator.Running && controllers.Running,
            "both run again in the next term", patience);
        await stop.CancelAsync();
        await running;
        Assert.False(rotator.Running || controllers.Running);
        Assert.All(losses, Assert.True);
    }

    [Fact]
    public async Task A_leader_task_that_throws_is_started_again_within_the_term_and_the_others_run_on()
    {
        var flaky = new Failing(times: 2);
        var steady = new Probe(new Idle());
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = new LeaderRuntime(elector: null, [flaky, steady]) { RestartDelay = TimeSpan.FromMilliseconds(10) }.RunAsync(stop.Token);

        await Wait.Until(() => flaky.Attempts == 3, "the failing task was started again twice");

        Assert.True(steady.Running);
        Assert.Equal(1, steady.Starts);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_deferred_task_supplied_during_a_term_runs_in_that_term_on_its_token()
    {
        var deferred = new DeferredLeaderTask("controllers");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = new LeaderRuntime(elector: null, [deferred]).RunAsync(stop.Token);
        var supplied = new Probe(new Idle());

        deferred.Supply(supplied);
        await Wait.Until(() => supplied.Running, "the supplied task runs");
        await stop.CancelAsync();
        await running;

        Assert.False(supplied.Running);
        Assert.True(supplied.Term.IsCancellationRequested);
    }

    /// <summary>Runs the task it wraps and says whether it is running, how often it started, and on which term token.</summary>
    private sealed class Probe(ILeaderTask inner) : ILeaderTask
    {
        private int starts;
        private int running;

        public string Name => inner.Name;

        public int Starts => Volatile.Read(ref starts);

        public bool Running => Volatile.Read(ref running) == 1;

        public CancellationToken Term { get; private set; }

        public async Task RunAsync(CancellationToken term)
        {
            Term = term;
            Interlocked.Increment(ref starts);
            Volatile.Write(ref running, 1);
            try
            {
                await inner.RunAsync(term);
            }
            finally
            {
                Volatile.Write(ref running, 0);
            }
        }
    }

    private sealed class Idle : ILeaderTask
    {
        public string Name => "idle";

        public async Task RunAsync(CancellationToken term)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, term);
            }
            catch (OperationCanceledException)
            {
                // The term ended.
            }
        }
    }

    private sealed class Failing(int times) : ILeaderTask
    {
        private int attempts;

        public string Name => "failing";

        public int Attempts => Volatile.Read(ref attempts);

        public async Task RunAsync(CancellationToken term)
        {
            if (Interlocked.Increment(ref attempts) <= times) throw new InvalidOperationException("fails on purpose");
            await new Idle().RunAsync(term);
        }
    }
}
