namespace StrimziGuard.Fuzz;

/// <summary>What one target did: counts, the slowest input, memory, and every failure with what reproduces it.</summary>
public sealed record FuzzReport(
    string Target, int Seed, int Inputs, IReadOnlyDictionary<string, int> Outcomes, TimeSpan MaxTime, int SlowestIndex,
    IReadOnlyList<FuzzFinding> Failures, long HeapBefore, long HeapMid, long HeapAfter, TimeSpan Elapsed)
{
    public static string Header => $"{"target",-10} {"inputs",9} {"distinct",8} {"max ms",8} {"exceptions",10} {"heap before",11} {"heap half",11} {"heap after",11} {"seconds",8}";

    public override string ToString() =>
        $"{Target,-10} {Inputs,9} {Outcomes.Count,8} {MaxTime.TotalMilliseconds,8:F1} {Failures.Count,10} {Mb(HeapBefore),11} {Mb(HeapMid),11} {Mb(HeapAfter),11} {Elapsed.TotalSeconds,8:F1}";

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F1} MB";
}

/// <summary>One failing input: <c>--target T --seed S --index I</c> replays it.</summary>
public sealed record FuzzFinding(int Index, string Error, string Input)
{
    public override string ToString() => $"#{Index}: {Error}\n    input: {Input}";
}
