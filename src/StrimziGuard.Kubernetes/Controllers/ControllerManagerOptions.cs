namespace StrimziGuard.Kubernetes.Controllers;

public sealed record ControllerManagerOptions
{
    /// <summary>Every key is looked at again this often even without a change (level-triggered safety net).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);
}
