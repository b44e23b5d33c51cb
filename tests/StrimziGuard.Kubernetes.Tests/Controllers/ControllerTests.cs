using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestObjects;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

public sealed class ControllerTests : FakeApiServerTest
{
    [Fact]
    public async Task One_pass_with_zero_controllers_reports_zero_writes_and_calls_nothing()
    {
        var report = await ControllerRunner.RunOnceAsync(Client, [], CancellationToken.None);

        Assert.Empty(report.Writes);
        Assert.True(report.Succeeded);
        Assert.Equal(0, Fake.Requests.Total);
    }

    [Fact]
    public async Task One_pass_reports_the_writes_a_controller_made_and_a_second_pass_makes_none()
    {
        Fake.Seed(Namespace("kafka"), Namespace("strimzi"));
        IController[] controllers = [new LabelNamespaces()];

        var first = await ControllerRunner.RunOnceAsync(Client, controllers, CancellationToken.None);
        var second = await ControllerRunner.RunOnceAsync(Client, controllers, CancellationToken.None);

        Assert.Equal(["patch namespaces kafka", "patch namespaces strimzi"], first.Writes.Select(w => $"{w.Verb} {w.Resource} {w.Name}").Order());
        Assert.Empty(second.Writes);
        Assert.Equal("yes", (string?)Fake.Get("", "namespaces", null, "kafka")!["metadata"]!["labels"]!["guarded"]);
    }

    [Fact]
    public async Task A_failing_key_is_reported_and_the_pass_goes_on()
    {
        Fake.Seed(Namespace("a-broken"), Namespace("b-fine"));

        var report = await ControllerRunner.RunOnceAsync(Client, [new LabelNamespaces { FailOn = "a-broken" }], CancellationToken.None);

        Assert.Equal("b-fine", Assert.Single(report.Writes).Name);
        Assert.Equal("a-broken", Assert.Single(report.Failures).Key);
    }

    [Fact]
    public async Task Client_factory_reads_a_kubeconfig_file_and_the_pass_runs_against_it()
    {
        Fake.Seed(Namespace("kafka"));
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(path, Fake.KubeconfigYaml());
        try
        {
            using var fromFile = KubeClientFactory.Create(path);
            var report = await ControllerRunner.RunOnceAsync(fromFile, [new LabelNamespaces()], CancellationToken.None);
            Assert.Single(report.Writes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_controller_loop_survives_a_failing_key_and_retries_it_with_backoff()
    {
        Fake.Seed(Namespace("a-flaky"), Namespace("b-fine"));
        var controller = new LabelNamespaces { FailOn = "a-flaky", FailTimes = 2 };
        var caches = ClusterCaches.Create(Client);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = caches.RunAsync(stop.Token);
        var manager = new ControllerManager(Client, caches.Snapshots, [controller], new ControllerManagerOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

        var managing = manager.RunAsync(stop.Token);

        await Wait.Until(() => Labelled("a-flaky") && Labelled("b-fine"), "both namespaces are labelled");
        // Two failures, then success; new snapshots may queue it again, which is harmless (level-triggered).
        Assert.True(controller.Attempts("a-flaky") >= 3);
        await stop.CancelAsync();
        await Task.WhenAll(running, managing);
    }

    [Fact]
    public async Task A_reconcile_failing_as_the_term_ends_stops_the_controllers_quietly_instead_of_faulting_the_manager()
    {
        Fake.Seed(Namespace("kafka"));
        using var term = new CancellationTokenSource();
        var controller = new LabelNamespaces { FailOn = "kafka", BeforeFailing = term.Cancel };
        var caches = ClusterCaches.Create(Client);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = caches.RunAsync(stop.Token);
        var manager = new ControllerManager(Client, caches.Snapshots, [controller]);

        // The write under way fails (in the fault-injection run: a 422 from a stale resourceVersion precondition) as the term ends.
        await manager.RunAsync(term.Token).WaitAsync(stop.Token);

        Assert.Equal(1, controller.Attempts("kafka"));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Controllers_run_only_while_this_replica_leads()
    {
        Fake.Seed(Namespace("kafka"));
        var controller = new LabelNamespaces();
        var caches = ClusterCaches.Create(Client);
        var elector = new LeaderElector(Client, new LeaderElectionOptions("guard", "lease", "me")
        {
            LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(100),
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var manager = new ControllerManager(Client, caches.Snapshots, [controller]);
        Fake.Put(System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(new k8s.Models.V1Lease
        {
            ApiVersion = "coordination.k8s.io/v1", Kind = "Lease",
            Metadata = new() { Name = "lease", NamespaceProperty = "guard" },
            Spec = new() { HolderIdentity = "other", LeaseDurationSeconds = 3600, RenewTime = DateTime.UtcNow },
        }))!.AsObject());
        var running = Task.WhenAll(caches.RunAsync(stop.Token), new LeaderRuntime(elector, [manager]).RunAsync(stop.Token));
        await caches.Snapshots.WaitForSyncAsync(stop.Token);
        await Wait.Until(() => Fake.Requests.Count("get", "leases") >= 3, "the elector tried a few times");

        Assert.Equal(0, controller.Attempts("kafka"));
        Fake.Delete("coordination.k8s.io", "leases", "guard", "lease");
        await Wait.Until(() => Labelled("kafka"), "the new leader's controller ran");
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Work_queue_holds_a_key_once_and_requeues_a_key_added_while_it_is_processed()
    {
        using var queue = new WorkQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        Assert.Equal(2, queue.Count);

        var first = await queue.TakeAsync(CancellationToken.None);
        queue.Add(first);
        Assert.Equal(1, queue.Count);
        queue.Done(first);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void Work_queue_backs_off_per_key_and_forget_resets_it()
    {
        using var queue = new WorkQueue(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));

        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(40), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(50), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.AddRateLimited("b"));
        queue.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.AddRateLimited("a"));
    }

    private bool Labelled(string ns) => (string?)Fake.Get("", "namespaces", null, ns)?["metadata"]?["labels"]?["guarded"] == "yes";

    /// <summary>A test controller: labels every namespace <c>guarded=yes</c> (merge patch with the observed resourceVersion), idempotently.</summary>
    private sealed class LabelNamespaces : IController
    {
        private readonly Dictionary<string, int> attempts = [];

        public string? FailOn { get; init; }

        public int FailTimes { get; init; } = int.MaxValue;

        /// <summary>Runs just before a failure on purpose (e.g. ends the term, so the failure races it).</summary>
        public Action? BeforeFailing { get; init; }

        public string Name => "label-namespaces";

        public int Attempts(string key)
        {
            lock (attempts) return attempts.GetValueOrDefault(key);
        }

        public IEnumerable<string> Keys(ClusterSnapshot snapshot) => snapshot.Namespaces.All.Select(n => n.Name);

        public async Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct)
        {
            int n;
            lock (attempts) n = attempts[key] = attempts.GetValueOrDefault(key) + 1;
            if (key == FailOn && n <= FailTimes)
            {
                BeforeFailing?.Invoke();
                throw new InvalidOperationException($"{key} fails on purpose");
            }
            var ns = context.Snapshot.Namespaces.Get(null, key);
            if (ns is null || ns.Metadata.Label("guarded") == "yes") return;
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["guarded"] = "yes" } } };
            await context.Client.PatchAsync<V1Namespace>(KubeResources.Namespaces, null, key, KubePatch.Merge(patch, ns.Metadata.ResourceVersion), ct);
        }
    }
}
