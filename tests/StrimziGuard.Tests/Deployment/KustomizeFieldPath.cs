using System.Text.Json.Nodes;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// kustomize's field paths as our manifests use them in <c>replacements</c>: <c>a.b</c>, a key with dots in brackets
/// (<c>data.[config.yaml]</c>), every item of a list (<c>webhooks.*</c>), a list item by field (<c>[name=x]</c>) and, in a source, a list index.
/// Wildcards and selectors that match nothing are skipped, as kustomize does; a plain field that is missing is an error.
/// </summary>
internal static class KustomizeFieldPath
{
    public static IReadOnlyList<string> Split(string path)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                parts.Add(path[i..(end + 1)]);
                i = end + 1;
            }
            else
            {
                var end = path.IndexOf('.', i);
                if (end < 0) end = path.Length;
                parts.Add(path[i..end]);
                i = end;
            }
            if (i < path.Length && path[i] == '.') i++;
        }
        return parts;
    }

    /// <summary>The value at a plain path (fields and list indexes), of any kind.</summary>
    public static JsonNode? Node(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in Split(path))
            node = node is JsonObject o ? o[Key(part)] : node is JsonArray a && int.TryParse(part, out var i) && i < a.Count ? a[i] : null;
        return node;
    }

    /// <summary>Calls <paramref name="edit"/> on every value the path reaches and stores what it returns.</summary>
    public static int Edit(JsonNode root, string path, Func<JsonNode?, JsonNode?> edit) => Walk(root, Split(path), 0, edit, wildcardSeen: false);

    private static int Walk(JsonNode? node, IReadOnlyList<string> parts, int at, Func<JsonNode?, JsonNode?> edit, bool wildcardSeen)
    {
        var part = parts[at];
        var last = at == parts.Count - 1;
        if (part == "*" || part.StartsWith('[') && part.Contains('='))
        {
            if (node is not JsonArray list) return 0;
            var items = part == "*" ? list.ToList() : list.Where(item => Matches(item, part)).ToList();
            if (!last) return items.Sum(item => Walk(item, parts, at + 1, edit, wildcardSeen: true));
            // The item itself is replaced (a whole selector expression, say).
            foreach (var item in items) list[list.IndexOf(item)] = edit(item);
            return items.Count;
        }
        if (node is not JsonObject obj) return wildcardSeen ? 0 : throw new InvalidOperationException($"field path: no object at '{part}'");
        var key = Key(part);
        if (!obj.ContainsKey(key)) return wildcardSeen ? 0 : throw new InvalidOperationException($"field path: no field '{key}'");
        if (!last) return Walk(obj[key], parts, at + 1, edit, wildcardSeen);
        obj[key] = edit(obj[key]);
        return 1;
    }

    private static bool Matches(JsonNode? item, string selector)
    {
        var body = selector[1..^1];
        var eq = body.IndexOf('=');
        return (string?)item?[body[..eq]] == body[(eq + 1)..];
    }

    private static string Key(string part) => part.StartsWith('[') ? part[1..^1] : part;
}
