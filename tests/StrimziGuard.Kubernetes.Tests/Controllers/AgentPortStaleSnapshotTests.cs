using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.Controllers.AgentPortWorld;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

/// <summary>
/// The agent-port controller planning from a snapshot older than the API server (a cache behind, or another replica's): every write is
/// conditional, a failed condition fails the key, and the next pass, from a fresher snapshot, re-plans. Against the fake API server (a test double).
/// </summary>
public sealed class AgentPortStaleSnapshotTests : AgentPortPassFixture
{
    private Task<ClusterSnapshot> Observe() => ClusterCaches.Create(Client).LoadOnceAsync(CancellationToken.None);

    private static string[] Lines(ReconcileReport report) => report.Writes.Select(w => $"{w.Verb} {w.Resource} {w.Namespace}/{w.Name}").ToArray();

    [Fact]
    public async Task A_policy_already_gone_when_the_guard_deletes_it_counts_as_done()
    {
        SeedCluster(Fake);
        await Pass();
        Fake.Delete("kafka.strimzi.io", "kafkas", Ns, Cluster);
        var stale = await Observe();
        Fake.Delete("networking.k8s.io", "networkpolicies", Ns, Primary);

        var report = await PassOver(stale);

        Assert.True(report.Succeeded, string.Join("; ", report.Failures));
        Assert.Empty(report.Writes);
        Assert.Single(Log.Messages(4002));
    }

    [Fact]
    public async Task A_patch_planned_from_a_stale_snapshot_fails_its_resource_version_test_and_the_next_pass_replans()
    {
        SeedCluster(Fake);
        await Pass();
        Fake.Seed(StrimziNetworkPolicy());
        var stale = await Observe();
        var live = Policy(Fake, Primary)!;
        live["metadata"]!["annotations"] = new JsonObject { ["note"] = "someone else wrote here" };
        Fake.Put(live);

        var failed = await PassOver(stale);
        var retried = await Pass();

        Assert.Equal($"{Ns}/{Cluster}", Assert.Single(failed.Failures).Key);
        Assert.Empty(failed.Writes);
        Assert.Equal(422, Fake.Requests.Where(r => r.Verb == "patch").First().StatusCode);
        Assert.Equal([$"patch {Resource} kafka/{Primary}"], Lines(retried));
        Assert.Single(Rules(Fake, Primary));
        Assert.Equal("someone else wrote here", (string?)Policy(Fake, Primary)!["metadata"]!["annotations"]!["note"]);
    }

    [Fact]
    public async Task A_delete_planned_from_a_stale_snapshot_gets_409_and_the_next_pass_replans()
    {
        SeedCluster(Fake);
        await Pass();
        Fake.Delete("kafka.strimzi.io", "kafkas", Ns, Cluster);
        var stale = await Observe();
        Fake.Put(Policy(Fake, Primary)!);

        var failed = await PassOver(stale);
        var retried = await Pass();

        Assert.Single(failed.Failures);
        Assert.Equal(409, Fake.Requests.Where(r => r.Verb == "delete").First().StatusCode);
        Assert.Equal([$"delete {Resource} kafka/{Primary}"], Lines(retried));
        Assert.Null(Policy(Fake, Primary));
    }

    [Fact]
    public async Task A_create_that_meets_an_existing_policy_fails_and_the_next_pass_sees_it_in_sync()
    {
        SeedCluster(Fake);
        var stale = await Observe();
        await Pass();
        // Another replica that has just taken over, with a cache from before the first one's write.
        using var newLeader = new AgentPortController(() => GuardOptions.Default);

        var failed = await ControllerRunner.RunOnceAsync(Client, [newLeader], stale, CancellationToken.None);
        var retried = await ControllerRunner.RunOnceAsync(Client, [newLeader], CancellationToken.None);

        Assert.Single(failed.Failures);
        Assert.Equal(409, Fake.Requests.Where(r => r.Verb == "create").Last().StatusCode);
        Assert.Empty(failed.Writes);
        Assert.True(retried.Succeeded);
        Assert.Empty(retried.Writes);
    }

    [Fact]
    public async Task A_pass_over_a_snapshot_older_than_its_own_last_write_waits_instead_of_writing_again()
    {
        SeedCluster(Fake);
        var stale = await Observe();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.Zero));
        using var guard = new AgentPortController(() => GuardOptions.Default, Log, time: clock);
        await ControllerRunner.RunOnceAsync(Client, [guard], stale, CancellationToken.None);
        Fake.Requests.Clear();

        var waited = await ControllerRunner.RunOnceAsync(Client, [guard], stale, CancellationToken.None);
        Assert.True(waited.Succeeded);
        Assert.Empty(GuardWrites(Fake));
        Assert.Single(Log.Messages(4006));

        clock.Advance(TimeSpan.FromMinutes(1));
        var gaveUp = await ControllerRunner.RunOnceAsync(Client, [guard], stale, CancellationToken.None);
        Assert.Single(gaveUp.Failures);
        Assert.Empty((await ControllerRunner.RunOnceAsync(Client, [guard], CancellationToken.None)).Writes);
    }
}
