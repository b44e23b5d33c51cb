using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace StrimziGuard.Core.Api;

/// <summary>The one JSON configuration for Kubernetes objects: camelCase, nulls omitted, unknown fields kept in extension data.</summary>
public static class KubeJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>
    /// For typed views that are only read, never written back: fields the type does not model are skipped instead of copied into its
    /// extension data (each such value was a JsonDocument of its own: most of the bytes a Kafka CR's read allocated).
    /// </summary>
    public static JsonSerializerOptions ReadOnlyView { get; } = Create(indented: false, keepUnknownFields: false);

    /// <summary>Reads a typed view of a JSON object; fields the type does not model survive in its extension data.</summary>
    public static T Read<T>(JsonNode node, JsonSerializerOptions? options = null) => node.Deserialize<T>(options ?? Options)
        ?? throw new JsonException($"expected a {typeof(T).Name} object, found null");

    public static T Read<T>(JsonElement element, JsonSerializerOptions? options = null) => element.Deserialize<T>(options ?? Options)
        ?? throw new JsonException($"expected a {typeof(T).Name} object, found null");

    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options)
        ?? throw new JsonException($"{typeof(T).Name} serialized to null");

    /// <summary>A deep copy made through JSON, so a mutation never touches the caller's object.</summary>
    public static T Clone<T>(T value) => Read<T>(ToNode(value));

    private static JsonSerializerOptions Create(bool indented, bool keepUnknownFields = true)
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
        if (!keepUnknownFields)
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropExtensionData } };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void DropExtensionData(JsonTypeInfo type)
    {
        for (var i = type.Properties.Count - 1; i >= 0; i--)
            if (type.Properties[i].IsExtensionData) type.Properties.RemoveAt(i);
    }
}
