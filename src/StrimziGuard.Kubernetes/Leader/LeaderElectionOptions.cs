namespace StrimziGuard.Kubernetes.Leader;

/// <summary>Timings as client-go's defaults (15 s / 10 s / 2 s); RenewDeadline must be below LeaseDuration so we stop before anyone may take over.</summary>
public sealed record LeaderElectionOptions(string LeaseNamespace, string LeaseName, string Identity)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clear the holder on shutdown so another replica takes over at once instead of after LeaseDuration.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    public void Validate()
    {
        if (RenewDeadline >= LeaseDuration) throw new ArgumentException($"RenewDeadline ({RenewDeadline}) must be shorter than LeaseDuration ({LeaseDuration})");
        if (RetryPeriod >= RenewDeadline) throw new ArgumentException($"RetryPeriod ({RetryPeriod}) must be shorter than RenewDeadline ({RenewDeadline})");
        if (string.IsNullOrEmpty(Identity)) throw new ArgumentException("a leader-election identity is needed (the pod name is usual)");
    }
}
