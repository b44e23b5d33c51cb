using StrimziGuard.Fuzz;

// dotnet run -c Release --project tests/StrimziGuard.Fuzz -- [--target all|NAME] [--count N] [--seconds S] [--seed N] [--index I]
// Exit 0 when every target passed (no exception escaped, nothing slower than the webhook timeout, heap growth bounded), else 1.
var options = FuzzOptions.Parse(args);
if (options.Error is { } usage)
{
    Console.Error.WriteLine(usage);
    return 2;
}
if (options.Index is { } index)
{
    var target = FuzzTargets.Create(options.Targets[0]);
    var (input, outcome, error) = FuzzRunner.Replay(target, options.Seed, index);
    // --verbose prints the whole input (text, or base64 of bytes) for minimizing a failure by hand.
    var shown = !options.Verbose ? target.Describe(input) : input switch { byte[] b => Convert.ToBase64String(b), string t => t, _ => target.Describe(input) };
    Console.WriteLine($"input: {shown}\noutcome: {outcome}{(error is null ? "" : "\nerror: " + error)}");
    if (target is IAsyncDisposable d) await d.DisposeAsync();
    return error is null ? 0 : 1;
}

Console.WriteLine($"seed {options.Seed}, up to {options.Count} inputs per target{(options.Duration is { } s ? $" or {s.TotalSeconds} s" : "")}");
Console.WriteLine(FuzzReport.Header);
var failed = false;
foreach (var name in options.Targets)
{
    var target = FuzzTargets.Create(name);
    using var watchdog = new FuzzWatchdog(name, FuzzVerdict.WebhookTimeout * 5);
    var report = FuzzRunner.Run(target, options.Seed, options.Count, options.Duration, watchdog.Progress);
    if (target is IAsyncDisposable disposable) await disposable.DisposeAsync();
    Console.WriteLine(report);
    Console.WriteLine($"  {report.HeapCurve}");
    foreach (var problem in FuzzVerdict.Problems(report))
    {
        failed = true;
        Console.WriteLine($"  FAIL {problem}");
    }
    foreach (var failure in report.Failures) Console.WriteLine($"  {failure}\n    replay: --target {name} --seed {options.Seed} --index {failure.Index}");
    if (options.Verbose) foreach (var (label, n) in report.Outcomes.OrderByDescending(o => o.Value)) Console.WriteLine($"    {n,9}  {label}");
}
return failed ? 1 : 0;
