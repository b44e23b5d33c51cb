namespace StrimziGuard.Core.Api;

/// <summary>A Strimzi <c>Kafka</c> custom resource (<c>kafka.strimzi.io</c> v1beta2 and v1); only the fields the guards read are modelled.</summary>
public sealed class Kafka : KubernetesObject
{
    public KafkaSpec? Spec { get; set; }
}
