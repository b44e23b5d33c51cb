using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class KafkaSpec
{
    public KafkaClusterSpec? Kafka { get; set; }

    public CertificateAuthority? ClusterCa { get; set; }

    public CertificateAuthority? ClientsCa { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
