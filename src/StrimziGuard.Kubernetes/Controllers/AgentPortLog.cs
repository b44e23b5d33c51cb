using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.Controllers;

internal static partial class AgentPortLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Agent port of Kafka cluster {Namespace}/{Cluster}: {Write} NetworkPolicy {Policy} ({Reason})")]
    public static partial void Wrote(ILogger logger, string @namespace, string cluster, string policy, string write, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information,
        Message = "Audit mode: agent port of Kafka cluster {Namespace}/{Cluster}: would {Write} NetworkPolicy {Policy} ({Reason})")]
    public static partial void WouldWrite(ILogger logger, string @namespace, string cluster, string policy, string write, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Agent port of Kafka cluster {Namespace}/{Cluster}: NetworkPolicy {Policy} was already gone")]
    public static partial void AlreadyDeleted(ILogger logger, string @namespace, string cluster, string policy);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Agent port audit: NetworkPolicy {Namespace}/{Policy} on Kafka cluster(s) {Clusters} {Severity}: {Reasons}")]
    public static partial void Finding(ILogger logger, string @namespace, string policy, string clusters, string severity, string reasons);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Agent port audit: {Violations} NetworkPolicies would be denied, {Warnings} only have an unpinned operator peer")]
    public static partial void Summary(ILogger logger, int violations, int warnings);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug,
        Message = "Agent port of Kafka cluster {Namespace}/{Cluster}: waiting for the watch to show the guard's last write before planning again")]
    public static partial void WaitingForCache(ILogger logger, string @namespace, string cluster);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Agent port audit failed; keys are still reconciled")]
    public static partial void AuditFailed(ILogger logger, Exception exception);
}
