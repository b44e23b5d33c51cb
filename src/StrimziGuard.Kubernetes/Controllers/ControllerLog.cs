using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.Controllers;

internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: reconcile of {Key} failed; retry in {Delay}")]
    public static partial void ReconcileFailed(ILogger logger, string controller, string key, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Controller}: listing keys failed")]
    public static partial void KeysFailed(ILogger logger, string controller, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Controller}: observing the snapshot failed; its keys are still reconciled")]
    public static partial void ObserveFailed(ILogger logger, string controller, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "controllers started ({Count})")]
    public static partial void Started(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "controllers stopped: leadership ended or shutting down")]
    public static partial void Stopped(ILogger logger);
}
