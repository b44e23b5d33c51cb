using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.Controllers.AgentPortWorld;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

/// <summary>
/// The agent-port audit of existing NetworkPolicies: one log line per policy in violation at start-up and on every resync, a count and a
/// gauge, and no write to any of them. Against the fake API server (a test double).
/// </summary>
public sealed class AgentPortAuditTests : FakeApiServerTest
{
    private const int FindingEvent = 4003;

    private readonly FakeLogger log = new();

    /// <summary>Strimzi's policy with its any-namespace operator peer (a warning) and a user's policy opening 8443 to the world (a violation).</summary>
    private void SeedFindings()
    {
        SeedCluster(Fake);
        Fake.Seed(
            StrimziNetworkPolicy("other-namespace"),
            UserPolicy("agent-for-everyone", new() { ["strimzi.io/cluster"] = Cluster }, new V1NetworkPolicyIngressRule
            {
                Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = IntOrString.FromNumber(8443) }],
                From = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0" } }],
            }));
    }

    private Task<ClusterSnapshot> Observe() => ClusterCaches.Create(Client).LoadOnceAsync(CancellationToken.None);

    [Fact]
    public async Task Every_existing_policy_in_violation_is_logged_once_and_counted_and_none_is_changed()
    {
        SeedFindings();
        using var controller = new AgentPortController(() => GuardOptions.Default, log);

        var report = await ControllerRunner.RunOnceAsync(Client, [controller], CancellationToken.None);

        var lines = log.Messages(FindingEvent);
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("kafka/agent-for-everyone", StringComparison.Ordinal) && l.Contains("would be denied", StringComparison.Ordinal)
            && l.Contains("0.0.0.0/0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"kafka/{StrimziPolicy}", StringComparison.Ordinal) && l.Contains("warns", StringComparison.Ordinal));
        Assert.Equal((1, 1), (controller.Violations, controller.Warnings));
        Assert.Single(log.Messages(4004));
        // The guard writes its own policy (8443-only, as others isolate the pods) and nothing else.
        Assert.Equal(["create"], GuardWrites(Fake).Select(r => r.Verb));
        Assert.Equal(Primary, Assert.Single(report.Writes).Name);
        Assert.Single(Rules(Fake, Primary));
    }

    [Fact]
    public async Task A_resync_reports_every_finding_again_while_a_new_snapshot_reports_only_what_is_new()
    {
        SeedFindings();
        using var controller = new AgentPortController(() => GuardOptions.Default, log);
        var first = await Observe();
        controller.Observe(first, resync: true);
        log.Collector.Clear();

        controller.Observe(first, resync: true);
        Assert.Equal(2, log.Messages(FindingEvent).Count);
        log.Collector.Clear();

        controller.Observe(await Observe(), resync: false);
        Assert.Empty(log.Messages(FindingEvent));

        Fake.Seed(UserPolicy("agent-for-all-pods", new() { ["strimzi.io/kind"] = "Kafka" }, new V1NetworkPolicyIngressRule()));
        controller.Observe(await Observe(), resync: false);
        Assert.Contains("kafka/agent-for-all-pods", Assert.Single(log.Messages(FindingEvent)), StringComparison.Ordinal);
        Assert.Equal(2, controller.Violations);
    }

    [Fact]
    public async Task Listing_the_keys_audits_nothing()
    {
        SeedFindings();
        using var controller = new AgentPortController(() => GuardOptions.Default, log);

        Assert.NotEmpty(controller.Keys(await Observe()));

        Assert.Empty(log.Messages(FindingEvent));
        Assert.Equal((0, 0), (controller.Violations, controller.Warnings));
    }

    [Fact]
    public async Task In_the_running_loop_the_audit_sees_every_new_snapshot_whether_or_not_any_key_is_listed()
    {
        SeedFindings();
        using var controller = new AgentPortController(() => GuardOptions.Default, log);
        var caches = ClusterCaches.Create(Client, new ClusterCacheOptions { SnapshotDebounce = TimeSpan.FromMilliseconds(10) });
        var manager = new ControllerManager(Client, caches.Snapshots, [new WithoutKeys(controller)]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.WhenAll(caches.RunAsync(stop.Token), manager.RunAsync(stop.Token));

        await Wait.Until(() => log.Messages(FindingEvent).Count == 2, "the start of the term reports every finding", TimeSpan.FromSeconds(30));
        Fake.Seed(UserPolicy("agent-for-all-pods", new() { ["strimzi.io/kind"] = "Kafka" }, new V1NetworkPolicyIngressRule()));
        await Wait.Until(() => log.Messages(FindingEvent).Any(l => l.Contains("kafka/agent-for-all-pods", StringComparison.Ordinal)), "the new snapshot's finding", TimeSpan.FromSeconds(30));

        Assert.Equal(3, log.Messages(FindingEvent).Count);
        Assert.Equal((2, 1), (controller.Violations, controller.Warnings));
        Assert.Empty(GuardWrites(Fake));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Strimzi_policy_for_an_operator_in_the_same_namespace_has_no_findings()
    {
        SeedCluster(Fake);
        Fake.Seed(StrimziNetworkPolicy("same-namespace"));
        var options = GuardOptions.Default with { Operator = GuardOptions.Default.Operator with { Namespace = Ns } };
        using var controller = new AgentPortController(() => options, log);

        controller.Observe(await Observe(), resync: true);

        Assert.True(log.Messages(FindingEvent).Count == 0, string.Join("\n", log.Messages(FindingEvent)));
        Assert.Equal((0, 0), (controller.Violations, controller.Warnings));
    }

    [Fact]
    public async Task The_violations_gauge_is_published_on_the_meter_it_is_given()
    {
        SeedFindings();
        using var meter = new Meter("StrimziGuard");
        using var controller = new AgentPortController(() => GuardOptions.Default, log, meter);
        controller.Observe(await Observe(), resync: true);
        using var gauge = new MetricCollector<int>(meter, "strimzi_guard_agent_port_violations");

        gauge.RecordObservableInstruments();

        var measured = gauge.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["severity"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, int> { ["violation"] = 1, ["warning"] = 1 }, measured);
    }

    /// <summary>The controller with no key to reconcile: only its snapshot subscription is left.</summary>
    private sealed class WithoutKeys(IController inner) : IController
    {
        public string Name => inner.Name;

        public IEnumerable<string> Keys(ClusterSnapshot snapshot) => [];

        public Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct) => throw new InvalidOperationException("no key was listed");

        public void Observe(ClusterSnapshot snapshot, bool resync) => inner.Observe(snapshot, resync);
    }
}
