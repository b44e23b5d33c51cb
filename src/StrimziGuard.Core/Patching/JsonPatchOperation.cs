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

    public override string ToString() => ToJson().ToJsonString();
}
