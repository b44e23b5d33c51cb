namespace StrimziGuard.Kubernetes.Tests;

/// <summary>A clock that moves only when told, for the agent-port controller's patience with a cache that is behind.</summary>
internal sealed class AgentPortClock : TimeProvider
{
    private DateTimeOffset now = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
