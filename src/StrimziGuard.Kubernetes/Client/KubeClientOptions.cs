namespace StrimziGuard.Kubernetes.Client;

public sealed record KubeClientOptions
{
    /// <summary>Per call, headers and body; kubectl's default request timeout is unlimited, client-go callers usually set 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra attempts for retryable failures (reads on 5xx, network errors and timeouts; any verb on 429).</summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A Retry-After longer than this is cut to it, so one answer cannot park a controller for minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch with no line for this long past its server timeout is treated as dead (half-open connections never end on their own).</summary>
    public TimeSpan WatchGrace { get; init; } = TimeSpan.FromSeconds(30);
}
