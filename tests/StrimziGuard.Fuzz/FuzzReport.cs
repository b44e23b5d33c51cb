namespace StrimziGuard.Fuzz;

/// <summary>
/// What one target did: counts, the slowest input, memory, and every failure with what reproduces it. <paramref name="HeapSamples"/>
/// is the live heap after each tenth of the run (fewer for a run shorter than ten inputs); the last is taken at the end.
/// </summary>
public sealed record FuzzReport(
    string Target, int Seed, int Inputs, IReadOnlyDictionary<string, int> Outcomes, TimeSpan MaxTime, int SlowestIndex,
    IReadOnlyList<FuzzFinding> Failures, long HeapBefore, IReadOnlyList<long> HeapSamples, TimeSpan Elapsed)
{
    public long HeapMid => HeapSamples[(HeapSamples.Count - 1) / 2];

    public long HeapAfter => HeapSamples[^1];

    /// <summary>
    /// The heap's trend over the second half, in bytes per half run: the median of the slopes between every pair of second-half samples
    /// (Theil-Sen), times the samples the half spans. A leak per input raises every slope; a pool warmed by one large input moves a
    /// single sample and leaves the median where it was.
    /// </summary>
    public long SecondHalfGrowth
    {
        get
        {
            var half = HeapSamples.Skip((HeapSamples.Count - 1) / 2).ToList();
            if (half.Count < 2) return 0;
            var slopes = new List<double>();
            for (var a = 0; a < half.Count; a++)
                for (var b = a + 1; b < half.Count; b++) slopes.Add((half[b] - half[a]) / (double)(b - a));
            slopes.Sort();
            var median = slopes.Count % 2 == 1 ? slopes[slopes.Count / 2] : (slopes[slopes.Count / 2 - 1] + slopes[slopes.Count / 2]) / 2;
            return (long)(median * (half.Count - 1));
        }
    }

    public static string Header => $"{"target",-10} {"inputs",9} {"distinct",8} {"max ms",8} {"exceptions",10} {"heap before",11} {"heap half",11} {"heap after",11} {"trend",9} {"seconds",8}";

    public override string ToString() =>
        $"{Target,-10} {Inputs,9} {Outcomes.Count,8} {MaxTime.TotalMilliseconds,8:F1} {Failures.Count,10} {Mb(HeapBefore),11} {Mb(HeapMid),11} {Mb(HeapAfter),11} {Mb(SecondHalfGrowth),9} {Elapsed.TotalSeconds,8:F1}";

    /// <summary>Every heap sample, for the record of a long run.</summary>
    public string HeapCurve => "heap after each tenth: " + string.Join(" ", HeapSamples.Select(Mb)) + $" (second-half trend {Mb(SecondHalfGrowth)})";

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F1} MB";
}

/// <summary>One failing input: <c>--target T --seed S --index I</c> replays it.</summary>
public sealed record FuzzFinding(int Index, string Error, string Input)
{
    public override string ToString() => $"#{Index}: {Error}\n    input: {Input}";
}
