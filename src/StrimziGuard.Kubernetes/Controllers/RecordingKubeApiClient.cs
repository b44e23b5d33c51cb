using System.Collections.Concurrent;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>Passes every call through and records each write that succeeded, so a pass reports what it actually changed.</summary>
internal sealed class RecordingKubeApiClient(IKubeApiClient inner) : DelegatingKubeApiClient(inner)
{
    private readonly ConcurrentQueue<KubeWrite> writes = new();

    public IReadOnlyList<KubeWrite> Writes => writes.ToArray();

    public override async Task<T> CreateAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
    {
        var created = await Inner.CreateAsync(resource, obj, ct).ConfigureAwait(false);
        var (ns, name) = Wire.Locate(created);
        writes.Enqueue(new KubeWrite("create", resource.ToString(), ns, name));
        return created;
    }

    public override async Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
    {
        var replaced = await Inner.ReplaceAsync(resource, obj, ct).ConfigureAwait(false);
        var (ns, name) = Wire.Locate(replaced);
        writes.Enqueue(new KubeWrite("update", resource.ToString(), ns, name));
        return replaced;
    }

    public override async Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default)
    {
        var patched = await Inner.PatchAsync<T>(resource, ns, name, patch, ct).ConfigureAwait(false);
        writes.Enqueue(new KubeWrite("patch", resource.ToString(), ns, name, patch.Body));
        return patched;
    }

    public override async Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        await Inner.DeleteAsync(resource, ns, name, options, ct).ConfigureAwait(false);
        writes.Enqueue(new KubeWrite("delete", resource.ToString(), ns, name, options?.PropagationPolicy));
    }
}
