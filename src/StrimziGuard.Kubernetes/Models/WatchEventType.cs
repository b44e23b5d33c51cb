namespace StrimziGuard.Kubernetes.Models;

/// <summary>Watch event types; <c>ERROR</c> events are turned into exceptions by the client and never surface here.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}
