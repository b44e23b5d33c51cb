namespace StrimziGuard.Core.Api;

/// <summary>A Strimzi <c>KafkaUser</c>; <c>spec.authentication.validityDays</c>/<c>renewalDays</c> exist from Strimzi 1.1 (strimzi-facts §7).</summary>
public sealed class KafkaUser : KubernetesObject
{
    public KafkaUserSpec? Spec { get; set; }
}
