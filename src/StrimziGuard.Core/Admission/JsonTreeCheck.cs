using System.Text.Json;
using System.Text.Json.Nodes;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// Walks a JSON tree the way policies will read it, once, at the door: a duplicate key throws when an object is first indexed and a string
/// that is not valid Unicode throws when first read, so without this check such input surfaced later as a policy error (a code-500
/// review) instead of a 400 (found by the fuzzer, tests/StrimziGuard.Fuzz). The API server never sends either; only a caller reaching the
/// webhook directly can.
/// </summary>
internal static class JsonTreeCheck
{
    /// <summary>Null when <paramref name="node"/> is absent or an object whose every member and string can be read; otherwise what is wrong.</summary>
    public static string? Problem(JsonNode? node)
    {
        // A Kubernetes object is a JSON object; policies index it by field name, which throws on an array or a value.
        if (node is not (null or JsonObject)) return "is not a JSON object";
        try
        {
            Visit(node);
            return null;
        }
        catch (ArgumentException)
        {
            return "has a duplicate key in a JSON object";
        }
        catch (InvalidOperationException)
        {
            return "has a string that is not valid Unicode";
        }
    }

    private static void Visit(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj) Visit(value);
                break;
            case JsonArray array:
                foreach (var item in array) Visit(item);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                value.GetValue<string>();
                break;
        }
    }
}
