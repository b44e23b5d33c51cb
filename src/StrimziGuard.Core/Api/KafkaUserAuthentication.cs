using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class KafkaUserAuthentication
{
    public string? Type { get; set; }

    public int? ValidityDays { get; set; }

    public int? RenewalDays { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
