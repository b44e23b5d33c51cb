namespace StrimziGuard.Fuzz;

/// <summary>The pass criteria, shared by the command and the CI tests.</summary>
public static class FuzzVerdict
{
    /// <summary>The shortest timeoutSeconds among our webhook configurations (the mutating ones, manifests/base/webhooks/mutating.yaml).</summary>
    public static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Heap growth over the second half of a run that still counts as bounded, judged on the trend of the samples
    /// (<see cref="FuzzReport.SecondHalfGrowth"/>), not on two of them. The first half warms up: pooled buffers sized for the largest
    /// inputs (~7 MB bodies, 2 MB scalars) stay in ArrayPool.Shared after a full collection. A leak per input would keep growing.
    /// </summary>
    public const long MaxHeapGrowth = 64L * 1024 * 1024;

    /// <param name="maxHeapGrowth">The bound; the CI tests pass a larger one because their heap is shared with tests running alongside.</param>
    public static IEnumerable<string> Problems(FuzzReport report, long maxHeapGrowth = MaxHeapGrowth)
    {
        if (report.Failures.Count > 0) yield return $"{report.Target}: exceptions or failed checks (listed below)";
        if (report.MaxTime >= WebhookTimeout) yield return $"{report.Target}: input #{report.SlowestIndex} took {report.MaxTime.TotalMilliseconds:F0} ms (webhook timeout {WebhookTimeout.TotalSeconds} s)";
        if (report.SecondHalfGrowth > maxHeapGrowth) yield return $"{report.Target}: the heap grew by {report.SecondHalfGrowth / (1024 * 1024)} MB over the second half (trend; {report.HeapCurve})";
    }
}
