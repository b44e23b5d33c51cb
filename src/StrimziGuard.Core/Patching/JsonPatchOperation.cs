using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StrimziGuard.Core.Patching;

/// <summary>One RFC 6902 operation. <see cref="Value"/> is used by add, replace and test; <see cref="From"/> by move and copy.</summary>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value = null, string? From = null)
{
    public static JsonPatchOperation Add(string path, JsonNode? value) => new("add", path, value);

    public static JsonPatchOperation Replace(string path, JsonNode? value) => new("replace", path, value);

    public static JsonPatchOperation Remove(string path) => new("remove", path);

    public static JsonPatchOperation Test(string path, JsonNode? value) => new("test", path, value);

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["op"] = Op, ["path"] = Path };
        if (Op is "add" or "replace" or "test") o["value"] = Value?.DeepClone();
        if (From is not null) o["from"] = From;
        return o;
    }

    public static JsonArray ToJson(IEnumerable<JsonPatchOperation> ops) => new(ops.Select(op => (JsonNode?)op.ToJson()).ToArray());

    /// <summary>
    /// The operations as compact UTF-8 JSON, the same bytes as <see cref="ToJson(IEnumerable{JsonPatchOperation})"/>'s text, written
    /// straight from the operations: the response's patch no longer builds a tree of copies to print it.
    /// </summary>
    public static void WriteTo(IBufferWriter<byte> output, IReadOnlyList<JsonPatchOperation> ops)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            json.WriteStartObject();
            json.WriteString("op", op.Op);
            json.WriteString("path", op.Path);
            if (op.Op is "add" or "replace" or "test")
            {
                json.WritePropertyName("value");
                if (op.Value is null) json.WriteNullValue();
                else op.Value.WriteTo(json);
            }
            if (op.From is not null) json.WriteString("from", op.From);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public override string ToString() => ToJson().ToJsonString();
}
