namespace StrimziGuard.Kubernetes.Models;

/// <summary>One event of a watch stream. For <see cref="WatchEventType.Bookmark"/> only <c>metadata.resourceVersion</c> is meaningful.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T Object);
