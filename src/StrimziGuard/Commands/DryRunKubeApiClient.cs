using System.Collections.Concurrent;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>reconcile --once --dry-run</c>: reads go to the cluster, writes are planned and never sent. Each planned write is kept with its
/// body (the object to create or replace, the patch), and answered as if it had landed, so a controller goes on planning as it would.
/// </summary>
internal sealed class DryRunKubeApiClient(IKubeApiClient inner) : DelegatingKubeApiClient(inner)
{
    private readonly ConcurrentQueue<PlannedWrite> planned = new();

    public sealed record PlannedWrite(string Operation, string Resource, string? Namespace, string Name, string? Body)
    {
        public override string ToString() =>
            $"{Operation} {Resource} {(Namespace is null ? Name : $"{Namespace}/{Name}")}{(Body is null ? "" : $"\n  {Body}")}";
    }

    public IReadOnlyList<PlannedWrite> Planned => planned.ToArray();

    public override Task<T> CreateAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
    {
        var (ns, name) = Wire.Locate(obj);
        planned.Enqueue(new PlannedWrite("create", resource.ToString(), ns, name, Wire.Body(resource, obj)));
        return Task.FromResult(obj);
    }

    public override Task<T> ReplaceAsync<T>(ApiResource resource, T obj, CancellationToken ct = default)
    {
        var (ns, name) = Wire.Locate(obj);
        planned.Enqueue(new PlannedWrite("update", resource.ToString(), ns, name, Wire.Body(resource, obj)));
        return Task.FromResult(obj);
    }

    public override async Task<T> PatchAsync<T>(ApiResource resource, string? ns, string name, KubePatch patch, CancellationToken ct = default)
    {
        planned.Enqueue(new PlannedWrite($"patch ({patch.ContentType})", resource.ToString(), ns, name, patch.Body));
        // The object as it is: what the controller reads back matters only for further writes in this pass, and there are none to it.
        return await Inner.GetAsync<T>(resource, ns, name, ct).ConfigureAwait(false);
    }

    public override Task DeleteAsync(ApiResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        planned.Enqueue(new PlannedWrite("delete", resource.ToString(), ns, name, options?.PropagationPolicy is { } p ? $"propagationPolicy: {p}" : null));
        return Task.CompletedTask;
    }
}
