namespace StrimziGuard.Core;

/// <summary>The three guards' ids, as they appear in webhook paths, messages and configuration.</summary>
public static class Guards
{
    public const string CertLifetime = "cert-lifetime";
    public const string CaGeneration = "ca-generation";
    public const string AgentPort = "agent-port";
}
