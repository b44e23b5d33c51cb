namespace StrimziGuard.Testing.FakeApi;

/// <summary>Fault injection for the test double: failing answers, added latency, dropped watch connections.</summary>
public sealed class FakeApiFaults
{
    private readonly Lock gate = new();
    private readonly List<FakeFault> faults = [];
    private readonly Func<FakeWatcher[]> watchers;

    internal FakeApiFaults(Func<FakeWatcher[]> watchers) => this.watchers = watchers;

    /// <summary>Added before every answer (and before each watch starts streaming).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The next <paramref name="times"/> requests matching <paramref name="when"/> (default: any) answer <paramref name="statusCode"/> with a Status body.</summary>
    public void Fail(int statusCode, int times = 1, Func<FakeRequestRecord, bool>? when = null)
    {
        lock (gate) faults.Add(new FakeFault(statusCode, times, when, null));
    }

    /// <summary>429 with a Retry-After header (and <c>details.retryAfterSeconds</c>), as API Priority and Fairness sends.</summary>
    public void Throttle(int retryAfterSeconds, int times = 1, Func<FakeRequestRecord, bool>? when = null)
    {
        lock (gate) faults.Add(new FakeFault(429, times, when, retryAfterSeconds));
    }

    public void Clear()
    {
        lock (gate) faults.Clear();
    }

    /// <summary>Cuts every open watch connection now (the client sees the stream break, as on a network failure).</summary>
    public int DropWatches()
    {
        var open = watchers();
        foreach (var w in open) w.Drop.Cancel();
        return open.Length;
    }

    internal FakeFault? Take(FakeRequestRecord request)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(f => f.Matches(request));
            if (fault is not null) fault.Remaining--;
            faults.RemoveAll(f => f.Remaining <= 0);
            return fault;
        }
    }
}
