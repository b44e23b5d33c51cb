using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>A guard in Audit mode writes nothing: reads pass through, and a write that reached the client anyway is refused, never sent.</summary>
internal sealed class ReadOnlyKubeApiClient(IKubeApiClient inner, string guard) : DelegatingKubeApiClient(inner)
{
    public override Task<T> CreateAsync<T>(ApiResource resource, T obj, CancellationToken ct = default) => Refuse<T>("create", resource);

    public override Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default) => Refuse<T>("update", resource);

    public override Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default) => Refuse<T>("patch", resource);

    public override Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default) => Refuse<object>("delete", resource);

    private Task<T> Refuse<T>(string verb, ApiResource resource) =>
        Task.FromException<T>(new InvalidOperationException($"{guard} is in Audit mode: the controller must not {verb} {resource}"));
}
