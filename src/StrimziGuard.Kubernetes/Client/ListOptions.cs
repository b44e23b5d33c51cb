namespace StrimziGuard.Kubernetes.Client;

/// <summary>Query parameters of list and watch calls (meta/v1 <c>ListOptions</c>), plus whether to ask for metadata only.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }

    /// <summary>The API server supports <c>metadata.name</c> and <c>metadata.namespace</c> for every resource.</summary>
    public string? FieldSelector { get; init; }

    public int? Limit { get; init; }

    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }

    public bool AllowWatchBookmarks { get; init; }

    /// <summary>Server-side end of a watch; the client reconnects. Without it a watch could hang on a silently dead connection.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Ask for <c>PartialObjectMetadata</c>: labels, annotations and versions only, never <c>data</c> (used for CA key Secrets).</summary>
    public bool MetadataOnly { get; init; }
}
