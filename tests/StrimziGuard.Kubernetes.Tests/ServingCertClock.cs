namespace StrimziGuard.Kubernetes.Tests;

/// <summary>A clock the test sets: certificate lifetimes of days are crossed without waiting.</summary>
internal sealed class ServingCertClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset to) => now = to;
}
