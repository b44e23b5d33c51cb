namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

internal enum RunPointKind
{
    /// <summary>The operator process dies: in-memory flags and its informer caches are gone; the next reconciliation starts afresh.</summary>
    OperatorCrash,

    /// <summary>The guard dies: its queued triggers are lost and its webhooks fail open until it is back.</summary>
    GuardCrash,

    /// <summary>Something outside both, such as an eviction.</summary>
    Event,
}
