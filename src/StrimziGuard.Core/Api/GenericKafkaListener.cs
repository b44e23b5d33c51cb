using System.Text.Json;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

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
