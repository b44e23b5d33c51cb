using System.Text;
using System.Text.Json.Nodes;

namespace StrimziGuard.Fuzz;

/// <summary>
/// Mutates JSON documents: on the tree (type swaps, odd values, huge strings and arrays, removed and duplicated keys) and on the bytes
/// (truncation, flips, inserted invalid UTF-8, deep nesting, splices). One to three mutations per input, so valid structure mostly
/// survives and the policies behind the parser are reached too.
/// </summary>
public sealed class JsonMutator(IReadOnlyList<byte[]> seeds, int maxBytes = 6 * 1024 * 1024)
{
    private const string DuplicateMarker = "__fuzz_duplicate_";

    public byte[] Mutate(Random rng)
    {
        var seed = seeds[rng.Next(seeds.Count)];
        var bytes = rng.Next(3) == 0 ? seed : TryMutateTree(seed, rng);
        for (int n = rng.Next(3), i = 0; i < n; i++) bytes = MutateBytes(bytes, rng);
        return bytes.Length > maxBytes ? bytes[..maxBytes] : bytes;
    }

    private static byte[] TryMutateTree(byte[] seed, Random rng)
    {
        try
        {
            return MutateTree(seed, rng);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or System.Text.Json.JsonException)
        {
            // A value System.Text.Json will not write (a lone surrogate in a tree): the byte mutations still insert it raw.
            return seed;
        }
    }

    private static byte[] MutateTree(byte[] seed, Random rng)
    {
        var root = JsonNode.Parse(seed)!;
        var duplicates = new List<(string Marker, string Key)>();
        for (int n = 1 + rng.Next(3), i = 0; i < n; i++)
        {
            var slots = Slots(root);
            if (slots.Count == 0) break;
            var (parent, key, index) = slots[rng.Next(slots.Count)];
            switch (rng.Next(7))
            {
                case 0 or 1: Set(parent, key, index, JsonNode.Parse(Oddities.Pick(rng, Oddities.JsonValues))); break;
                case 2: Set(parent, key, index, new string(Oddities.Pick(rng, ["A", "x", "\u00e9", "0"])[0], rng.Next(2) == 0 ? 70_000 : 1_000_000)); break;
                case 3: Set(parent, key, index, HugeArray(rng)); break;
                case 4 when parent is JsonObject o: o.Remove(key!); break;
                case 5 when parent is JsonObject o && key is not null:
                    var marker = DuplicateMarker + duplicates.Count;
                    o[marker] = JsonNode.Parse(Oddities.Pick(rng, Oddities.JsonValues));
                    duplicates.Add((marker, key));
                    break;
                default: Set(parent, key, index, Stringified(parent, key, index, rng)); break;
            }
        }
        var text = root.ToJsonString();
        foreach (var (marker, key) in duplicates) text = text.Replace($"\"{marker}\"", System.Text.Json.JsonSerializer.Serialize(key), StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    private static JsonNode? Stringified(JsonNode parent, string? key, int index, Random rng)
    {
        // A value turned into its own text (a number becomes "3", an object "{...}") or a string unwrapped into a number.
        var current = key is not null ? parent[key] : parent[index];
        return current switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, out var l) => JsonValue.Create(l),
            JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(s + Oddities.Pick(rng, Oddities.Text)),
            null => JsonValue.Create(Oddities.Pick(rng, Oddities.Text)),
            _ => JsonValue.Create(current.ToJsonString()),
        };
    }

    private static JsonArray HugeArray(Random rng)
    {
        var array = new JsonArray();
        var element = Oddities.Pick(rng, ["0", "null", "\"x\"", "{}", "[]"]);
        for (int n = rng.Next(2) == 0 ? 10_000 : 200_000, i = 0; i < n; i++) array.Add(JsonNode.Parse(element));
        return array;
    }

    private byte[] MutateBytes(byte[] bytes, Random rng)
    {
        if (bytes.Length == 0) return Encoding.UTF8.GetBytes(Oddities.Pick(rng, Oddities.JsonValues));
        var at = rng.Next(bytes.Length);
        switch (rng.Next(6))
        {
            case 0: return bytes[..at];
            case 1:
                var flipped = (byte[])bytes.Clone();
                for (int n = 1 + rng.Next(8), i = 0; i < n; i++) flipped[rng.Next(flipped.Length)] ^= (byte)(1 << rng.Next(8));
                return flipped;
            case 2: return [.. bytes[..at], .. Oddities.Pick(rng, Oddities.BadUtf8), .. bytes[at..]];
            case 3:
                // Deep nesting around a value, up to far past any sane depth (System.Text.Json stops at MaxDepth).
                var depth = rng.Next(2) == 0 ? rng.Next(30, 200) : rng.Next(1_000, 100_000);
                var open = rng.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var wrapped = new StringBuilder().Insert(0, open, depth).Append('1').Append(close[0], depth).ToString();
                return [.. bytes[..at], .. Encoding.UTF8.GetBytes(wrapped), .. bytes[at..]];
            case 4:
                var other = seeds[rng.Next(seeds.Count)];
                var from = rng.Next(other.Length);
                return [.. bytes[..at], .. other[from..Math.Min(other.Length, from + rng.Next(1, 400))]];
            default:
                return [.. bytes[..at], .. Encoding.UTF8.GetBytes(Oddities.Pick(rng, Oddities.JsonValues)), .. bytes[at..]];
        }
    }

    private static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode, string?, int)>();
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is JsonObject o)
            {
                foreach (var (k, v) in o)
                {
                    slots.Add((o, k, -1));
                    if (v is not null) stack.Push(v);
                }
            }
            else if (node is JsonArray a && a.Count < 1_000)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, null, i));
                    if (a[i] is { } v) stack.Push(v);
                }
            }
        }
        return slots;
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (key is not null) parent[key] = value;
        else parent[index] = value;
    }
}
