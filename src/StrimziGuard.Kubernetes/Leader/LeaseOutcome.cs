namespace StrimziGuard.Kubernetes.Leader;

internal enum LeaseOutcome
{
    Held,
    HeldByOther,
    Failed,
}
