using StrimziGuard.Fuzz;

namespace StrimziGuard.Tests.Reliability;

/// <summary>The fuzz command's memory verdict: a leak is growth sustained over the second half, not one high sample.</summary>
public sealed class FuzzVerdictTests
{
    private const long Mb = 1024 * 1024;

    [Fact]
    public void A_heap_that_grows_with_every_input_over_the_second_half_fails()
    {
        var report = Report(10, 20, 30, 40, 50, 60, 80, 100, 120, 140);

        Assert.Equal(100 * Mb, report.SecondHalfGrowth);
        Assert.Contains(FuzzVerdict.Problems(report), p => p.Contains("heap grew by 100 MB over the second half", StringComparison.Ordinal));
    }

    [Fact]
    public void One_high_sample_from_a_warmed_pool_is_not_growth()
    {
        // Flat at 80 MB, then one input leaves 72 MB of pooled buffers behind at the very end.
        var report = Report(60, 80, 81, 80, 82, 80, 81, 80, 81, 153);

        Assert.True(report.SecondHalfGrowth < 8 * Mb, $"trend {report.SecondHalfGrowth / Mb} MB");
        Assert.Empty(FuzzVerdict.Problems(report));
    }

    private static FuzzReport Report(params long[] samplesMb) =>
        new("yaml", 1, 1000, new Dictionary<string, int>(), TimeSpan.FromMilliseconds(1), 0, [], 1 * Mb, samplesMb.Select(m => m * Mb).ToList(), TimeSpan.FromSeconds(1));
}
