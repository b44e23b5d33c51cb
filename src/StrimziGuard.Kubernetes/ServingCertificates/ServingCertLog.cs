using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.ServingCertificates;

internal static partial class ServingCertLog
{
    [LoggerMessage(1, LogLevel.Information, "Serving certificate loaded: {Subject}, expires {NotAfter:O}, thumbprint {Thumbprint} (reload: {Reload})")]
    public static partial void CertificateLoaded(ILogger logger, string subject, DateTime notAfter, string thumbprint, bool reload);

    [LoggerMessage(2, LogLevel.Error, "No serving certificate: {Error}")]
    public static partial void CertificateMissing(ILogger logger, string error);

    [LoggerMessage(3, LogLevel.Warning, "Serving certificate not reloaded, still serving {Thumbprint}: {Error}")]
    public static partial void CertificateReloadFailed(ILogger logger, string error, string thumbprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving certificate: new CA {Subject} valid until {NotAfter:o} ({Reason}); the previous CA stays in the caBundle until {RetireAt:o}")]
    public static partial void CaCreated(ILogger logger, string subject, DateTimeOffset notAfter, string reason, DateTimeOffset retireAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving certificate: issued {Thumbprint} valid until {NotAfter:o} ({Reason})")]
    public static partial void LeafIssued(ILogger logger, string thumbprint, DateTimeOffset notAfter, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving certificate: caBundle of {Kind} {Name} now holds {Count} CA certificate(s)")]
    public static partial void BundlePatched(ILogger logger, string kind, string name, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving certificate: {Kind} {Name} not found; not creating it (an uninstall must leave none behind)")]
    public static partial void ConfigurationMissing(ILogger logger, string kind, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving certificate: {Kind} {Name} is injected by cert-manager; the guard's rotation stands aside")]
    public static partial void HandsOff(ILogger logger, string kind, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "serving certificate: rotation pass failed, retrying at {RetryAt:o}: {Reason}")]
    public static partial void PassFailed(ILogger logger, DateTimeOffset retryAt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving certificate: now serving {Thumbprint} valid until {NotAfter:o}, read from Secret {Namespace}/{Name}")]
    public static partial void Swapped(ILogger logger, string thumbprint, DateTimeOffset notAfter, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "serving certificate: Secret {Namespace}/{Name} is unusable, keeping the certificate in use: {Problem}")]
    public static partial void Unusable(ILogger logger, string @namespace, string name, string problem);
}
