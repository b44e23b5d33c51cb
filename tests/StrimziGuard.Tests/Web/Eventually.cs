namespace StrimziGuard.Tests.Web;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time: fast when things are fast, patient when the machine is busy.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task True(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out after {limit.TotalSeconds} s waiting for {what}");
            await Task.Delay(10);
        }
    }

    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) Assert.Fail($"timed out after {Deadline.TotalSeconds} s waiting for {what}; last: {value}");
            await Task.Delay(10);
        }
    }
}
