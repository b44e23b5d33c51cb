using System.Collections.Frozen;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Snapshots;

/// <summary>Objects of one kind, looked up by namespace and name without allocation.</summary>
public sealed class ObjectIndex<T>
    where T : KubernetesObject
{
    private static readonly IReadOnlyList<T> None = [];
    private readonly FrozenDictionary<(string, string), T> byName;
    private readonly FrozenDictionary<string, IReadOnlyList<T>> byNamespace;

    public ObjectIndex(IEnumerable<T> objects)
    {
        All = objects.ToArray();
        byName = All.GroupBy(o => (o.Namespace ?? "", o.Name)).ToFrozenDictionary(g => g.Key, g => g.Last());
        byNamespace = All.GroupBy(o => o.Namespace ?? "").ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<T>)g.ToArray());
    }

    public IReadOnlyList<T> All { get; }

    public int Count => All.Count;

    public T? Get(string? ns, string name) => byName.GetValueOrDefault((ns ?? "", name));

    public IReadOnlyList<T> InNamespace(string? ns) => byNamespace.GetValueOrDefault(ns ?? "", None);
}
