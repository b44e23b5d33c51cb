namespace StrimziGuard.Fuzz;

/// <summary>
/// For the command only: an input that hangs would stop the run without a report, so when no input finished for <c>limit</c> the
/// watchdog names the target and index and ends the process (exit 3). The CI tests rely on the test timeout instead.
/// </summary>
internal sealed class FuzzWatchdog : IDisposable
{
    private readonly Timer timer;
    private long lastProgress = Environment.TickCount64;
    private int lastIndex = -1;

    public FuzzWatchdog(string target, TimeSpan limit)
    {
        timer = new Timer(_ =>
        {
            if (Environment.TickCount64 - Interlocked.Read(ref lastProgress) < limit.TotalMilliseconds) return;
            Console.WriteLine($"HANG {target}: input #{Volatile.Read(ref lastIndex) + 1} ran longer than {limit.TotalSeconds} s");
            Environment.Exit(3);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Progress(int index)
    {
        Volatile.Write(ref lastIndex, index);
        Interlocked.Exchange(ref lastProgress, Environment.TickCount64);
    }

    public void Dispose() => timer.Dispose();
}
