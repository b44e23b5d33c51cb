namespace StrimziGuard.Kubernetes.Client;

/// <summary>meta/v1 <c>DeleteOptions</c>: the parts we use.</summary>
public sealed record DeleteOptions
{
    /// <summary><c>Foreground</c>, <c>Background</c> or <c>Orphan</c>.</summary>
    public string? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    /// <summary>Delete only if the object still has this resourceVersion (409 Conflict otherwise).</summary>
    public string? PreconditionResourceVersion { get; init; }
}
