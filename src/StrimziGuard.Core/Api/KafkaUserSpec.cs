using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class KafkaUserSpec
{
    public KafkaUserAuthentication? Authentication { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
