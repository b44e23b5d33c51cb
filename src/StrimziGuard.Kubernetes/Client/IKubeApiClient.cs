using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// The calls the guard makes to the API server, implemented on KubernetesClient (<see cref="KubeApiClient"/>). Shaped like the library's
/// <c>GenericClient</c> (a resource plus namespace and name per call); each call's <c>T</c> is one of Core's lean read models or a
/// library model (the Lease). Every call has a timeout; reads retry.
/// </summary>
public interface IKubeApiClient
{
    Task<T> GetAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class;

    /// <summary>The object as <c>PartialObjectMetadata</c>, typed as <typeparamref name="T"/> with only apiVersion, kind and metadata set.</summary>
    Task<T> GetMetadataAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class;

    /// <summary>One page; follow <c>Metadata.Continue</c> for the next (or use <see cref="KubeApiClientExtensions.ListAllAsync"/>).</summary>
    Task<KubeList<T>> ListAsync<T>(ApiResource resource, string? ns, ListOptions? options = null, CancellationToken ct = default)
        where T : class;

    /// <summary>One watch stream from <c>options.ResourceVersion</c>; it ends when the server closes it. ERROR events throw (410 as <see cref="KubeGoneException"/>).</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ApiResource resource, string? ns, ListOptions options, CancellationToken ct = default)
        where T : class;

    Task<T> CreateAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class;

    /// <summary>PUT of the whole object; its <c>metadata.resourceVersion</c> is the precondition (409 when stale).</summary>
    Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class;

    Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default)
        where T : class;

    Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default);
}
