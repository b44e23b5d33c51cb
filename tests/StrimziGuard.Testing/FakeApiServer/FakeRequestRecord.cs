namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// One request the test double received, in the API's audit vocabulary: verb get, list, watch, create, update, patch or delete; resource
/// as the plural (<c>secrets</c>); <see cref="MetadataOnly"/> when it asked for PartialObjectMetadata.
/// </summary>
public sealed record FakeRequestRecord(string Verb, string Group, string Version, string Resource, string? Namespace, string? Name, bool MetadataOnly, string Query)
{
    public int StatusCode { get; internal set; }

    /// <summary>For delete: the propagationPolicy sent; for patch: the content type.</summary>
    public string? Detail { get; internal set; }

    /// <summary>Subject of the TLS client certificate, when one was presented.</summary>
    public string? ClientCertificate { get; internal set; }

    public string? BearerToken { get; internal set; }

    public override string ToString() =>
        $"{Verb} {Resource}{(Group.Length > 0 ? "." + Group : "")} {Namespace}/{Name}{(MetadataOnly ? " (metadata)" : "")} -> {StatusCode}";
}
