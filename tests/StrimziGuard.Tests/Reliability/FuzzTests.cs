using StrimziGuard.Fuzz;
using Xunit.Abstractions;

namespace StrimziGuard.Tests.Reliability;

/// <summary>
/// The CI pass of the fuzzer (tests/StrimziGuard.Fuzz, whose README has the long-run command and figures): every target, bounded, with
/// the command's own pass criteria. The counts keep the whole class near half a minute on two cores; the admission and HTTPS targets
/// get fewer inputs because a tenth of theirs are megabytes large.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Fixed, so a CI failure replays with <c>--seed 20260105 --target T --index I</c>.</summary>
    private const int Seed = 20_260_105;

    /// <summary>GC heap numbers are process-wide, and other test classes run in parallel with this one: a looser bound than the command's.</summary>
    private const long SharedHeapGrowth = 256L * 1024 * 1024;

    [Theory]
    [InlineData("admission", 800)]
    [InlineData("https", 400)]
    [InlineData("secret", 1500)]
    [InlineData("duration", 5000)]
    [InlineData("yaml", 1000)]
    [InlineData("config", 1000)]
    public async Task No_exception_escapes_no_input_is_slower_than_the_webhook_timeout_and_the_heap_stays_bounded(string name, int count)
    {
        var target = FuzzTargets.Create(name);
        var report = FuzzRunner.Run(target, Seed, count);
        if (target is IAsyncDisposable disposable) await disposable.DisposeAsync();

        output.WriteLine(FuzzReport.Header);
        output.WriteLine(report.ToString());
        foreach (var (label, n) in report.Outcomes.OrderByDescending(o => o.Value)) output.WriteLine($"{n,7}  {label}");
        var problems = FuzzVerdict.Problems(report, SharedHeapGrowth).Concat(report.Failures.Select(f => f.ToString())).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(count, report.Inputs);
        Assert.True(report.Outcomes.Count > 1, "every input ended the same way: the mutations reach nothing");
    }
}
