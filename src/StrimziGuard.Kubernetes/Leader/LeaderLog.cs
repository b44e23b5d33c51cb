using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.Leader;

internal static partial class LeaderLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} became leader on Lease {Namespace}/{Lease}")]
    public static partial void Acquired(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost leadership on Lease {Namespace}/{Lease}: {Reason}")]
    public static partial void Lost(ILogger logger, string identity, string @namespace, string lease, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity}: Lease {Namespace}/{Lease} update failed ({Reason})")]
    public static partial void UpdateFailed(ILogger logger, string identity, string @namespace, string lease, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released Lease {Namespace}/{Lease}")]
    public static partial void Released(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Identity}: a {Callback} handler threw ({Reason}); the leadership change stands")]
    public static partial void CallbackFailed(ILogger logger, string identity, string callback, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "leadership term started: {Tasks}")]
    public static partial void TermStarted(ILogger logger, string tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "leadership term ended: every leader task stopped")]
    public static partial void TermEnded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "leader task {Task} failed; starting it again in {Delay} while the term lasts")]
    public static partial void TaskFailed(ILogger logger, string task, TimeSpan delay, Exception exception);
}
