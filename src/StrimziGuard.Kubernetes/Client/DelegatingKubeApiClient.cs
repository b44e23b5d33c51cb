using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// A client in front of another, like a <c>DelegatingHandler</c>: reads go straight to the inner client and each subclass says what a
/// write does (send and record it, or only plan it).
/// </summary>
public abstract class DelegatingKubeApiClient(IKubeApiClient inner) : IKubeApiClient
{
    protected IKubeApiClient Inner { get; } = inner;

    public Task<T> GetAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class => Inner.GetAsync<T>(resource, ns, name, ct);

    public Task<T> GetMetadataAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class => Inner.GetMetadataAsync<T>(resource, ns, name, ct);

    public Task<KubeList<T>> ListAsync<T>(ApiResource resource, string? ns, ListOptions? options = null, CancellationToken ct = default)
        where T : class => Inner.ListAsync<T>(resource, ns, options, ct);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ApiResource resource, string? ns, ListOptions options, CancellationToken ct = default)
        where T : class => Inner.WatchAsync<T>(resource, ns, options, ct);

    public abstract Task<T> CreateAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class;

    public abstract Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class;

    public abstract Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default)
        where T : class;

    public abstract Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default);
}
