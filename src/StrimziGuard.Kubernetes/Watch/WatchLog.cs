using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>Source-generated log lines of the watch caches (a separate non-generic class: the generator does not take generic hosts).</summary>
internal static partial class WatchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Cache}: listed {Count} objects at resourceVersion {ResourceVersion} ({ApiVersion})")]
    public static partial void Listed(ILogger logger, string cache, int count, string? resourceVersion, string apiVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cache}: resourceVersion {ResourceVersion} is too old (410 Gone); relisting")]
    public static partial void Gone(ILogger logger, string cache, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Cache}: watch failed ({Reason}); resuming from resourceVersion {ResourceVersion} in {Delay}")]
    public static partial void WatchFailed(ILogger logger, string cache, string reason, string? resourceVersion, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Status}")]
    public static partial void NotServed(ILogger logger, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Cache}: a change handler threw; the cache goes on")]
    public static partial void HandlerFailed(ILogger logger, string cache, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Cache}: full read of {Name} failed ({Reason}); will retry on its next change or in {Delay}")]
    public static partial void FetchFailed(ILogger logger, string cache, string name, string reason, TimeSpan delay);
}
