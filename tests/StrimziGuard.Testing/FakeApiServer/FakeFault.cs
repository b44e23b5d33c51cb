namespace StrimziGuard.Testing.FakeApi;

/// <summary>An injected failure: the next <see cref="Remaining"/> matching requests get <see cref="StatusCode"/> instead of being served.</summary>
internal sealed class FakeFault(int statusCode, int times, Func<FakeRequestRecord, bool>? match, int? retryAfterSeconds)
{
    public int StatusCode { get; } = statusCode;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public int Remaining { get; set; } = times;

    public bool Matches(FakeRequestRecord request) => Remaining > 0 && (match is null || match(request));
}
