using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StrimziGuard.Core.Api;

/// <summary>The one JSON configuration for Kubernetes objects: camelCase, nulls omitted, unknown fields kept in extension data.</summary>
public static class KubeJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Reads a typed view of a JSON object; fields the type does not model survive in its extension data.</summary>
    public static T Read<T>(JsonNode node) => node.Deserialize<T>(Options)
        ?? throw new JsonException($"expected a {typeof(T).Name} object, found null");

    public static T Read<T>(JsonElement element) => element.Deserialize<T>(Options)
        ?? throw new JsonException($"expected a {typeof(T).Name} object, found null");

    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options)
        ?? throw new JsonException($"{typeof(T).Name} serialized to null");

    /// <summary>A deep copy made through JSON, so a mutation never touches the caller's object.</summary>
    public static T Clone<T>(T value) => Read<T>(ToNode(value));

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            // Kubernetes objects are not HTML; keep '<', '>' and '+' readable in messages and golden files.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 128,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
