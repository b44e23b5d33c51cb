using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>Names and labels of the NetworkPolicies the agent-port guard owns, shared by the planner and the policy that protects them.</summary>
internal static class AgentPortGuardPolicy
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "strimzi-guard";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string Component = "kafka-agent-guard";

    /// <summary>The Kafka cluster a guard policy belongs to (the recommended instance label; Strimzi's own labels are left to Strimzi).</summary>
    public const string InstanceLabel = "app.kubernetes.io/instance";

    /// <summary>Text every guard policy's metadata holds: the component label's value and both names' suffixes.</summary>
    public static ReadOnlySpan<byte> MetadataMarker => "kafka-agent-guard"u8;

    private const string PrimarySuffix = "-kafka-agent-guard";
    private const string ComplementSuffix = "-kafka-agent-guard-complement";

    /// <summary>The one guard policy per cluster: 8443 from the operator, plus everything else when nothing else isolates the pods.</summary>
    public static string PrimaryName(string cluster) => cluster + PrimarySuffix;

    /// <summary>Only when some of the cluster's Kafka pods are isolated by other policies and some are not: keeps the latter open.</summary>
    public static string ComplementName(string cluster) => cluster + ComplementSuffix;

    public static IReadOnlyList<string> Names(string cluster) => [PrimaryName(cluster), ComplementName(cluster)];

    public static Dictionary<string, string> Labels(string cluster) => new()
    {
        [ComponentLabel] = Component,
        [InstanceLabel] = cluster,
        [ManagedByLabel] = ManagedBy,
    };

    /// <summary>A guard policy by its label or by its name; either is enough, so neither forging nor stripping the label gets past the guard.</summary>
    public static bool IsGuardPolicy(V1NetworkPolicy? policy) => policy is not null && IsGuardPolicy(policy.Metadata);

    /// <summary>The same test on a policy's metadata alone (its labels and name are all it reads).</summary>
    public static bool IsGuardPolicy(V1ObjectMeta? metadata) =>
        metadata is not null
        && (metadata.Label(ManagedByLabel) == ManagedBy && metadata.Label(ComponentLabel) == Component
            || (metadata.Name ?? "").EndsWith(PrimarySuffix, StringComparison.Ordinal)
            || (metadata.Name ?? "").EndsWith(ComplementSuffix, StringComparison.Ordinal));
}
