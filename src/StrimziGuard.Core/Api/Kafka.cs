using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>A Strimzi <c>Kafka</c> custom resource (<c>kafka.strimzi.io</c> v1beta2 and v1); only the fields the guards read are modelled.</summary>
public sealed class Kafka : KubernetesObject
{
    public KafkaSpec? Spec { get; set; }
}

public sealed class KafkaSpec
{
    public KafkaClusterSpec? Kafka { get; set; }

    public CertificateAuthority? ClusterCa { get; set; }

    public CertificateAuthority? ClientsCa { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class KafkaClusterSpec
{
    public List<GenericKafkaListener>? Listeners { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class GenericKafkaListener
{
    public string? Name { get; set; }

    public int? Port { get; set; }

    public string? Type { get; set; }

    public bool? Tls { get; set; }

    public GenericKafkaListenerConfiguration? Configuration { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class GenericKafkaListenerConfiguration
{
    public CertAndKeySecretSource? BrokerCertChainAndKey { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class CertAndKeySecretSource
{
    public string? SecretName { get; set; }

    public string? Certificate { get; set; }

    public string? Key { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>spec.clusterCa</c> / <c>spec.clientsCa</c> (Strimzi <c>CertificateAuthority</c>; strimzi-facts §7).</summary>
public sealed class CertificateAuthority
{
    public bool? GenerateCertificateAuthority { get; set; }

    public bool? GenerateSecretOwnerReference { get; set; }

    public int? ValidityDays { get; set; }

    public int? RenewalDays { get; set; }

    public string? CertificateExpirationPolicy { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
