using StrimziGuard.Core.Api;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// What a cache (and the offline cluster-state loader) keeps of an object it receives: what decisions read. <c>metadata.managedFields</c>
/// (often the largest part of an object, and never read) goes from every kind. A pod keeps its metadata, its service account and its
/// containers' names and ports (named-port resolution), and drops the rest of its spec, its containers' images and environment, and its
/// status. A StrimziPodSet keeps its metadata, selector and each entry's metadata (the stamp planner reads entry names and generation
/// annotations and writes JSON Patches with <c>test</c>, never the whole object), and drops the entries' pod specs and its status: they
/// were nine tenths of its bytes. Label keys and values, annotation keys and short annotation values, kinds, API versions and namespaces
/// are shared strings (<see cref="SharedStrings"/>): 10,000 pods repeat the same few hundred. Nothing is written back from a trimmed object.
/// </summary>
internal static class CachedObjects
{
    /// <summary>Annotation values up to this length repeat (generations, "true", versions); longer ones (hashes, JSON) rarely do.</summary>
    private const int ShortValue = 16;

    public static T Trim<T>(T obj)
        where T : KubernetesObject
    {
        obj.Metadata.Extra?.Remove("managedFields");
        Share(obj);
        switch (obj)
        {
            case V1Pod pod:
                TrimPod(pod);
                break;
            case StrimziPodSet podSet:
                podSet.Status = null;
                foreach (var entry in podSet.Spec?.Pods ?? [])
                {
                    entry.Extra = null;
                    entry.Spec = null;
                    entry.Metadata.Extra = null;
                    Share(entry);
                }
                break;
        }
        return obj;
    }

    private static void TrimPod(V1Pod pod)
    {
        pod.Extra = null;
        pod.Metadata.Extra = null;
        if (pod.Spec is not { } spec) return;
        spec.Extra = null;
        if (spec.ServiceAccountName is { } account) spec.ServiceAccountName = SharedStrings.Share(account);
        foreach (var container in spec.Containers ?? [])
        {
            container.Extra = null;
            if (container.Name is { } name) container.Name = SharedStrings.Share(name);
        }
    }

    private static void Share(KubernetesObject obj)
    {
        if (obj.ApiVersion is { } apiVersion) obj.ApiVersion = SharedStrings.Share(apiVersion);
        if (obj.Kind is { } kind) obj.Kind = SharedStrings.Share(kind);
        var meta = obj.Metadata;
        if (meta.NamespaceProperty is { } ns) meta.NamespaceProperty = SharedStrings.Share(ns);
        meta.Labels = Shared(meta.Labels, int.MaxValue);
        meta.Annotations = Shared(meta.Annotations, ShortValue);
        foreach (var owner in meta.OwnerReferences ?? [])
        {
            if (owner.ApiVersion is { } v) owner.ApiVersion = SharedStrings.Share(v);
            if (owner.Kind is { } k) owner.Kind = SharedStrings.Share(k);
        }
    }

    /// <summary>A right-sized copy with shared keys, and values up to <paramref name="valueLength"/> long shared.</summary>
    private static Dictionary<string, string>? Shared(Dictionary<string, string>? map, int valueLength)
    {
        if (map is null) return null;
        var shared = new Dictionary<string, string>(map.Count, map.Comparer);
        foreach (var (key, value) in map) shared[SharedStrings.Share(key)] = value.Length <= valueLength ? SharedStrings.Share(value) : value;
        return shared;
    }
}
