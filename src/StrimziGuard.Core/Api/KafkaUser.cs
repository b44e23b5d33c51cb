using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>A Strimzi <c>KafkaUser</c>; <c>spec.authentication.validityDays</c>/<c>renewalDays</c> exist from Strimzi 1.1 (strimzi-facts §7).</summary>
public sealed class KafkaUser : KubernetesObject
{
    public KafkaUserSpec? Spec { get; set; }
}

public sealed class KafkaUserSpec
{
    public KafkaUserAuthentication? Authentication { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class KafkaUserAuthentication
{
    public string? Type { get; set; }

    public int? ValidityDays { get; set; }

    public int? RenewalDays { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
