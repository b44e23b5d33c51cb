namespace StrimziGuard.Testing.FakeApi;

public sealed record FakeApiServerOptions
{
    /// <summary>What is served; a group/plural missing here answers 404 like an API server without that CRD.</summary>
    public IReadOnlyList<FakeResource> Resources { get; init; } = FakeResource.Defaults;

    /// <summary>When set, requests must carry <c>Authorization: Bearer</c> with this token (else 401). Can be changed while running.</summary>
    public string? BearerToken { get; init; }

    /// <summary>Serve HTTPS with a certificate for 127.0.0.1 signed by a CA minted in-process (<see cref="FakeApiServer.CaCertificatePem"/>).</summary>
    public bool Https { get; init; }

    /// <summary>How often an idle watch that allows bookmarks gets one. Real servers send them about once a minute.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events kept for watches to resume from; a watch from before the oldest gets 410 Gone.</summary>
    public int MaxHistory { get; init; } = 10_000;
}
