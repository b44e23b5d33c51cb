using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class GenericKafkaListenerConfiguration
{
    public CertAndKeySecretSource? BrokerCertChainAndKey { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
