using StrimziGuard.Testing.FakeApi;
using Xunit.Abstractions;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// Both controllers (ca-generation stamping and agent-port policies), through GuardControllers, a ControllerManager and a LeaderElector,
/// against the fake API server (a test double) injecting one kind of fault at a time. Each run must reach the end state of a run
/// without faults, with every controller write succeeding exactly once (none lost, none repeated).
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly Lazy<Task<string>> Reference = new(() => RunAsync(_ => { }, null));

    public static TheoryData<string> Faults() => ["500", "503", "429 with Retry-After", "409 on every other write", "410 on watches", "latency", "dropped watch streams"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Controllers_converge_to_the_fault_free_end_state_and_each_write_lands_exactly_once(string fault)
    {
        var expected = await Reference.Value;
        var log = new List<string>();
        var end = await RunAsync(fake => Inject(fake, fault), log);
        foreach (var line in log) output.WriteLine(line);
        Assert.Equal(expected, end);
    }

    private static void Inject(FakeApiServer fake, string fault)
    {
        switch (fault)
        {
            case "500": fake.Faults.Fail(500, times: 6); break;
            case "503": fake.Faults.Fail(503, times: 6); break;
            case "429 with Retry-After": fake.Faults.Throttle(retryAfterSeconds: 1, times: 2, when: RotationWorld.IsWrite); break;
            case "409 on every other write":
                var writes = 0;
                fake.Faults.Fail(409, times: 1000, when: r => RotationWorld.IsWrite(r) && r.Resource != "leases" && Interlocked.Increment(ref writes) % 2 == 1);
                break;
            case "410 on watches": fake.Faults.Fail(410, times: 12, when: r => r.Verb == "watch"); break;
            case "latency": fake.Faults.Latency = TimeSpan.FromMilliseconds(40); break;
            case "dropped watch streams": break; // RunAsync drops them every few milliseconds until convergence.
            default: throw new ArgumentException(fault);
        }
    }

    /// <summary>One replica from a fresh cluster to convergence; returns the end state and checks the write log.</summary>
    private static async Task<string> RunAsync(Action<FakeApiServer> inject, List<string>? log)
    {
        await using var fake = await FakeApiServer.StartAsync();
        RotationWorld.Seed(fake);
        inject(fake);
        var dropping = log is not null && fake.Faults.Latency == TimeSpan.Zero;
        await using (var replica = new GuardReplica(fake, "replica-a"))
        {
            replica.Start();
            var until = DateTime.UtcNow + Deadline;
            var drops = 0;
            while (!RotationWorld.Converged(fake))
            {
                Assert.True(DateTime.UtcNow < until, $"not converged: {RotationWorld.EndState(fake)}");
                if (dropping) drops += fake.Faults.DropWatches();
                await Task.Delay(20);
            }
            // A compaction while converged: the next watch resumption gets 410 and relists; nothing may be written again.
            fake.CompactHistory();
            drops += fake.Faults.DropWatches();
            await Wait.Until(() => replica.Caches.All.All(c => c.FailingSince is null), "caches back in contact after the relist");
            log?.Add($"dropped {drops} watch streams; requests {string.Join(", ", fake.Requests.CountsByVerbAndResource().OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        }
        var writes = RotationWorld.ControllerWrites(fake);
        log?.AddRange(writes.Select(w => w.ToString()));
        var landed = writes.Where(w => w.StatusCode is >= 200 and < 300).GroupBy(w => $"{w.Verb} {w.Resource} {w.Name}").ToList();
        Assert.All(landed, g => Assert.True(g.Count() == 1, $"{g.Key} landed {g.Count()} times"));
        Assert.Contains(landed, g => g.Key == $"patch strimzipodsets {RotationWorld.PodSet}");
        Assert.DoesNotContain(writes, w => w.Verb == "delete");
        return RotationWorld.EndState(fake);
    }
}
