using Microsoft.Extensions.Logging;

namespace StrimziGuard.Web;

/// <summary>The server's operational log lines (not the audit trail), source-generated so a disabled level costs nothing.</summary>
internal static partial class WebLog
{
    [LoggerMessage(12, LogLevel.Warning, "watchNamespaces changed from {Before} to {After}: decisions follow now, the watch caches after a restart of the pods (kubectl -n strimzi-guard rollout restart deployment/strimzi-guard)")]
    public static partial void WatchNamespacesChanged(ILogger logger, string before, string after);

    [LoggerMessage(4, LogLevel.Information, "Configuration loaded from {File}")]
    public static partial void ConfigLoaded(ILogger logger, string file);

    [LoggerMessage(5, LogLevel.Warning, "Configuration not reloaded, keeping the previous one: {Error}")]
    public static partial void ConfigReloadFailed(ILogger logger, string error);

    [LoggerMessage(6, LogLevel.Error, "Admission request {Uid} on {Path} failed")]
    public static partial void AdmissionFailed(ILogger logger, string uid, string path, Exception error);

    [LoggerMessage(7, LogLevel.Warning, "Policy error in request {Uid} on {Path}: {Policy}: {Error}")]
    public static partial void PolicyErrored(ILogger logger, string uid, string path, string policy, string error);

    [LoggerMessage(8, LogLevel.Information, "Listening: admission on {Admission}, metrics on {Metrics}")]
    public static partial void Listening(ILogger logger, string admission, string metrics);

    [LoggerMessage(9, LogLevel.Error, "Audit writer failed; audit lines are dropped from now on: {Error}")]
    public static partial void AuditWriterFailed(ILogger logger, string error);

    [LoggerMessage(10, LogLevel.Information, "Shutting down: still answering for {Seconds} s while endpoints stop routing here (connections closed after each response)")]
    public static partial void DrainStarted(ILogger logger, double seconds);

    [LoggerMessage(11, LogLevel.Information, "Shutting down: drain over; closing the listener and finishing in-flight reviews")]
    public static partial void DrainEnded(ILogger logger);
}
