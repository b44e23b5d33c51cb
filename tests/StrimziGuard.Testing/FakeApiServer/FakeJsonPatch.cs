using System.Text.Json.Nodes;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// RFC 6902 JSON Patch, written for the test double and sharing nothing with the guard's own <c>JsonPatch</c>, so a bug there shows up
/// as a controller test failure instead of agreeing with itself. As kube-apiserver's patch handler (evanphx/json-patch): a body that
/// is not a patch is 400 BadRequest; an operation that does not apply, a failed <c>test</c> included, is 422 Invalid and changes nothing.
/// </summary>
internal static class FakeJsonPatch
{
    /// <summary>The operations of a request body; 400 when it is not a JSON Patch.</summary>
    public static JsonArray Parse(string body)
    {
        JsonArray ops;
        try
        {
            ops = JsonNode.Parse(body) as JsonArray ?? throw FakeApiError.BadRequest("a JSON Patch must be an array of operations");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw FakeApiError.BadRequest($"invalid JSON Patch: {e.Message}");
        }
        if (ops.Any(n => n is not JsonObject op || op["op"] is not JsonValue || op["path"] is not JsonValue))
            throw FakeApiError.BadRequest("every JSON Patch operation needs op and path");
        return ops;
    }

    /// <summary>The patched copy of <paramref name="document"/>; the document itself is never changed.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonArray ops)
    {
        var doc = document?.DeepClone();
        foreach (var op in ops.OfType<JsonObject>())
        {
            var (kind, path) = ((string)op["op"]!, (string)op["path"]!);
            doc = kind switch
            {
                "add" => Add(doc, path, Value(op)),
                "remove" => Remove(doc, path, out _),
                "replace" => Add(Remove(doc, path, out _), path, Value(op)),
                "move" => Move(doc, From(op), path),
                "copy" => Add(doc, path, Get(doc, From(op))?.DeepClone()),
                "test" => JsonNode.DeepEquals(Get(doc, path), Value(op)) ? doc : throw FakeApiError.Invalid($"testing value {path} failed: test failed"),
                _ => throw FakeApiError.BadRequest($"unexpected JSON Patch operation \"{kind}\""),
            };
        }
        return doc;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var v) ? v?.DeepClone() : throw FakeApiError.BadRequest($"{(string?)op["op"]} operation needs a value");

    private static string From(JsonObject op) => (string?)op["from"] ?? throw FakeApiError.BadRequest($"{(string?)op["op"]} operation needs from");

    private static JsonNode? Move(JsonNode? doc, string from, string path)
    {
        doc = Remove(doc, from, out var moved);
        return Add(doc, path, moved);
    }

    private static string[] Tokens(string path)
    {
        if (path.Length == 0) return [];
        if (path[0] != '/') throw FakeApiError.Invalid($"JSON pointer \"{path}\" does not start with /");
        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode? doc, string path)
    {
        var node = doc;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw FakeApiError.Invalid($"path {path} does not exist"),
            };
        }
        return node;
    }

    /// <summary>The container of <paramref name="path"/>'s last token, which must exist.</summary>
    private static (JsonNode Parent, string Token) Parent(JsonNode? doc, string path)
    {
        var tokens = Tokens(path);
        var parentPath = string.Concat(tokens[..^1].Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        return (Get(doc, parentPath) ?? throw FakeApiError.Invalid($"the parent of {path} is null"), tokens[^1]);
    }

    private static JsonNode? Add(JsonNode? doc, string path, JsonNode? value)
    {
        if (path.Length == 0) return value;
        var (parent, token) = Parent(doc, path);
        switch (parent)
        {
            case JsonObject o:
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw FakeApiError.Invalid($"add operation does not apply at {path}");
        }
        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string path, out JsonNode? removed)
    {
        if (path.Length == 0) throw FakeApiError.Invalid("the whole document cannot be removed");
        var (parent, token) = Parent(doc, path);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(token, out removed):
                o.Remove(token);
                break;
            case JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                break;
            default:
                throw FakeApiError.Invalid($"remove operation does not apply: doc is missing path {path}");
        }
        return doc;
    }
}
