using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.Controllers;

internal static partial class CaGenerationLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Stamped StrimziPodSet {Namespace}/{PodSet} entry {Pod} of cluster {Cluster}: cluster-ca-key-generation {From} -> {To} ({Evidence}; {Trigger})")]
    public static partial void Stamped(ILogger logger, string @namespace, string cluster, string podSet, string pod, int from, int to, string evidence, string trigger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Audit mode: would stamp in cluster {Namespace}/{Cluster}: {Write} ({Trigger})")]
    public static partial void WouldStamp(ILogger logger, string @namespace, string cluster, string write, string trigger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Did not stamp in cluster {Namespace}/{Cluster}: {Reason}")]
    public static partial void NotStamped(ILogger logger, string @namespace, string cluster, string reason);
}
