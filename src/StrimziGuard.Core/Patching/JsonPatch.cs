using System.Globalization;
using System.Text.Json.Nodes;

namespace StrimziGuard.Core.Patching;

/// <summary>Applies RFC 6902 patches to a copy of a document. A failed <c>test</c> or a bad path throws <see cref="JsonPatchException"/>.</summary>
internal static class JsonPatch
{
    public static JsonNode? Apply(JsonNode? document, IEnumerable<JsonPatchOperation> ops)
    {
        var root = document?.DeepClone();
        foreach (var op in ops) root = ApplyOne(root, op);
        return root;
    }

    public static IReadOnlyList<JsonPatchOperation> Parse(JsonNode? patch)
    {
        if (patch is not JsonArray array) throw new JsonPatchException("a JSON Patch must be an array of operations");
        var ops = new List<JsonPatchOperation>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject o || o["op"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || o["path"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
                throw new JsonPatchException("every JSON Patch operation needs string 'op' and 'path'");
            var op = (string)o["op"]!;
            if (op is "add" or "replace" or "test" && !o.ContainsKey("value")) throw new JsonPatchException($"'{op}' needs a 'value'");
            if (op is "move" or "copy" && o["from"] is null) throw new JsonPatchException($"'{op}' needs 'from'");
            ops.Add(new JsonPatchOperation(op, (string)o["path"]!, o["value"]?.DeepClone(), (string?)o["from"]));
        }
        return ops;
    }

    private static JsonNode? ApplyOne(JsonNode? root, JsonPatchOperation op)
    {
        switch (op.Op)
        {
            case "add": return Add(root, op.Path, op.Value?.DeepClone());
            case "remove": Remove(root, op.Path, out _); return root;
            case "replace":
                if (op.Path.Length == 0) return op.Value?.DeepClone();
                Remove(root, op.Path, out _);
                return Add(root, op.Path, op.Value?.DeepClone());
            case "test":
                if (!JsonNode.DeepEquals(Get(root, op.Path), op.Value))
                    throw new JsonPatchException($"test failed at {op.Path}");
                return root;
            case "move":
                Remove(root, op.From!, out var moved);
                return Add(root, op.Path, moved);
            case "copy": return Add(root, op.Path, Get(root, op.From!)?.DeepClone());
            default: throw new JsonPatchException($"unknown JSON Patch operation '{op.Op}'");
        }
    }

    private static JsonNode? Get(JsonNode? root, string path)
    {
        var node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var v) => v,
                JsonArray a when ArrayIndex(token, a.Count, allowEnd: false) is var i => a[i],
                _ => throw new JsonPatchException($"path {path} does not exist"),
            };
        }
        return node;
    }

    private static JsonNode? Add(JsonNode? root, string path, JsonNode? value)
    {
        if (path.Length == 0) return value;
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a:
                var i = last == "-" ? a.Count : ArrayIndex(last, a.Count, allowEnd: true);
                a.Insert(i, value);
                break;
            default: throw new JsonPatchException($"cannot add at {path}: the parent is not an object or array");
        }
        return root;
    }

    private static void Remove(JsonNode? root, string path, out JsonNode? removed)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out removed): o.Remove(last); break;
            case JsonArray a:
                var i = ArrayIndex(last, a.Count, allowEnd: false);
                removed = a[i];
                a.RemoveAt(i);
                break;
            default: throw new JsonPatchException($"path {path} does not exist");
        }
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode? root, string path)
    {
        var tokens = Tokens(path);
        var parentPath = path[..path.LastIndexOf('/')];
        return (Get(root, parentPath), tokens[^1]);
    }

    private static string[] Tokens(string path)
    {
        if (path.Length == 0) return [];
        if (path[0] != '/') throw new JsonPatchException($"path '{path}' must start with '/'");
        return path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    private static int ArrayIndex(string token, int count, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || (token.Length > 1 && token[0] == '0'))
            throw new JsonPatchException($"'{token}' is not an array index");
        if (i > count || (!allowEnd && i == count)) throw new JsonPatchException($"array index {i} is out of range");
        return i;
    }
}
