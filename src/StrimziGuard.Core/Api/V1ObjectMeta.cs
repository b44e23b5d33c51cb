using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

public sealed class V1ObjectMeta
{
    public string? Name { get; set; }

    public string? GenerateName { get; set; }

    [JsonPropertyName("namespace")]
    public string? NamespaceProperty { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public long? Generation { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public List<V1OwnerReference>? OwnerReferences { get; set; }

    public string? DeletionTimestamp { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public string? Label(string key) => Labels is not null && Labels.TryGetValue(key, out var v) ? v : null;

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var v) ? v : null;
}
