namespace StrimziGuard.Kubernetes.Tests;

/// <summary>Waiting with a deadline instead of sleeping: polls a condition and fails with a message when the deadline passes.</summary>
internal static class Wait
{
    public static Task Until(Func<bool> condition, string what, TimeSpan? deadline = null) => Until(condition, () => what, deadline);

    /// <summary>As above, with a description read at the deadline, so it can say what the state was then.</summary>
    public static async Task Until(Func<bool> condition, Func<string> what, TimeSpan? deadline = null)
    {
        var end = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > end) Assert.Fail($"timed out waiting until {what()}");
            await Task.Delay(10);
        }
    }
}
