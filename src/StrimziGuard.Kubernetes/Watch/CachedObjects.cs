using StrimziGuard.Core.Api;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// What a cache keeps of an object it receives: what decisions read. <c>metadata.managedFields</c> (often the largest part of an object,
/// and never read) goes from every kind. A pod keeps its metadata, its service account and its containers' names and ports (named-port
/// resolution), and drops the rest of its spec, its containers' images and environment, and its status: no policy or planner reads
/// them from the pods in view, and pods are most of what a cache holds. Nothing is written back from a trimmed pod.
/// </summary>
internal static class CachedObjects
{
    public static T Trim<T>(T obj)
        where T : KubernetesObject
    {
        obj.Metadata.Extra?.Remove("managedFields");
        if (obj is not V1Pod pod) return obj;
        pod.Extra = null;
        pod.Metadata.Extra = null;
        if (pod.Spec is { } spec)
        {
            spec.Extra = null;
            foreach (var container in spec.Containers ?? []) container.Extra = null;
        }
        return obj;
    }
}
