using System.Collections.Concurrent;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>Passes every call through and records each write that succeeded, so a pass reports what it actually changed.</summary>
internal sealed class RecordingKubeApiClient(IKubeApiClient inner) : IKubeApiClient
{
    private readonly ConcurrentQueue<KubeWrite> writes = new();

    public IReadOnlyList<KubeWrite> Writes => writes.ToArray();

    public Task<T> GetAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class => inner.GetAsync<T>(resource, ns, name, ct);

    public Task<T> GetMetadataAsync<T>(ApiResource resource, string? ns, string name, CancellationToken ct = default)
        where T : class => inner.GetMetadataAsync<T>(resource, ns, name, ct);

    public Task<KubeList<T>> ListAsync<T>(ApiResource resource, string? ns, ListOptions? options = null, CancellationToken ct = default)
        where T : class => inner.ListAsync<T>(resource, ns, options, ct);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ApiResource resource, string? ns, ListOptions options, CancellationToken ct = default)
        where T : class => inner.WatchAsync<T>(resource, ns, options, ct);

    public async Task<T> CreateAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class
    {
        var created = await inner.CreateAsync(resource, obj, ct).ConfigureAwait(false);
        var (ns, name) = Wire.Locate(created);
        writes.Enqueue(new KubeWrite("create", resource.ToString(), ns, name));
        return created;
    }

    public async Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
        where T : class
    {
        var replaced = await inner.ReplaceAsync(resource, obj, ct).ConfigureAwait(false);
        var (ns, name) = Wire.Locate(replaced);
        writes.Enqueue(new KubeWrite("update", resource.ToString(), ns, name));
        return replaced;
    }

    public async Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default)
        where T : class
    {
        var patched = await inner.PatchAsync<T>(resource, ns, name, patch, ct).ConfigureAwait(false);
        writes.Enqueue(new KubeWrite("patch", resource.ToString(), ns, name, patch.Body));
        return patched;
    }

    public async Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        await inner.DeleteAsync(resource, ns, name, options, ct).ConfigureAwait(false);
        writes.Enqueue(new KubeWrite("delete", resource.ToString(), ns, name, options?.PropagationPolicy));
    }
}
