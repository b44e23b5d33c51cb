using System.Diagnostics;

namespace StrimziGuard.Fuzz;

/// <summary>
/// Runs a target for a number of inputs or until a deadline. Input i gets its own RNG seeded from (seed, target, i), so any single
/// input replays without running the ones before it.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Failures kept per target (each is counted; only these carry the input).</summary>
    private const int KeptFailures = 20;

    /// <summary>Heap samples taken over a run (after each tenth of it), so growth can be told from a one-off spike.</summary>
    private const int HeapSampleCount = 10;

    public static FuzzReport Run(FuzzTarget target, int seed, int count, TimeSpan? duration = null, Action<int>? progress = null)
    {
        var heapBefore = Heap();
        var samples = new List<long>(HeapSampleCount);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<FuzzFinding>();
        var failed = 0;
        var max = TimeSpan.Zero;
        var slowest = -1;
        var total = Stopwatch.StartNew();
        var i = 0;
        for (; i < count && (duration is null || total.Elapsed < duration); i++)
        {
            var input = target.Generate(RngFor(seed, target.Name, i));
            var started = Stopwatch.GetTimestamp();
            var outcome = Execute(target, input, out var error);
            var took = Stopwatch.GetElapsedTime(started);
            if (took > max) (max, slowest) = (took, i);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (error is not null && failed++ < KeptFailures) failures.Add(new FuzzFinding(i, error, target.Describe(input)));
            progress?.Invoke(i);
            var due = samples.Count + 1;
            if (due < HeapSampleCount && (duration is null ? i + 1 == (long)count * due / HeapSampleCount : total.Elapsed >= duration.Value * due / HeapSampleCount)) samples.Add(Heap());
        }
        samples.Add(Heap());
        if (failed > failures.Count) failures.Add(new FuzzFinding(-1, $"... and {failed - failures.Count} more failures", ""));
        return new FuzzReport(target.Name, seed, i, outcomes, max, slowest, failures, heapBefore, samples, total.Elapsed);
    }

    /// <summary>Live heap after a full, compacting collection (the large object heap included, so fragmentation does not count as growth).</summary>
    private static long Heap()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>One input by index, as the run made it: for replaying a failure.</summary>
    public static (object Input, string Outcome, string? Error) Replay(FuzzTarget target, int seed, int index)
    {
        var input = target.Generate(RngFor(seed, target.Name, index));
        var outcome = Execute(target, input, out var error);
        return (input, outcome, error);
    }

    public static Random RngFor(int seed, string target, int index)
    {
        // A stable hash (string.GetHashCode is randomized per process).
        var h = (uint)seed;
        foreach (var c in target) h = h * 31 + c;
        return new Random((int)(h * 2654435761u ^ (uint)index * 40503u ^ (uint)index << 16));
    }

    private static string Execute(FuzzTarget target, object input, out string? error)
    {
        error = null;
        try
        {
            return target.Execute(input);
        }
        catch (Exception e) when (target.DocumentedExceptions.Contains(e.GetType()))
        {
            return "rejected: " + e.GetType().Name;
        }
        catch (Exception e)
        {
            var frames = (e.StackTrace ?? "").Split('\n').Select(f => f.Trim()).Where(f => f.Length > 0 && !f.Contains("System.Text.Json.ThrowHelper", StringComparison.Ordinal)).Take(4);
            error = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}\n      {string.Join("\n      ", frames)}";
            return "FAILED " + e.GetType().Name;
        }
    }
}
