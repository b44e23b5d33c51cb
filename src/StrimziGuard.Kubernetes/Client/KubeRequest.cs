namespace StrimziGuard.Kubernetes.Client;

/// <summary>One call to send. <paramref name="Idempotent"/> decides whether 5xx, network errors and timeouts may be retried.</summary>
internal sealed record KubeRequest(HttpMethod Method, string PathAndQuery, string What, bool Idempotent, string? Body = null, string? ContentType = null, string? Accept = null)
{
    public const string Json = "application/json";

    public const string MetadataAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

    public const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
}
