namespace StrimziGuard.Core.Options;

/// <summary>The three guards' ids, as they appear in webhook paths, messages and configuration.</summary>
public static class GuardIds
{
    public const string CertLifetime = "cert-lifetime";
    public const string CaGeneration = "ca-generation";
    public const string AgentPort = "agent-port";
}
