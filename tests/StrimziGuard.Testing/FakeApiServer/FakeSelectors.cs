using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// Label selectors in the API's query syntax (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>,
/// comma = and) and the field selectors every resource supports (<c>metadata.name</c>, <c>metadata.namespace</c> with = or !=).
/// </summary>
internal static partial class FakeSelectors
{
    public static Func<JsonObject, bool> Parse(string? labelSelector, string? fieldSelector)
    {
        var tests = new List<Func<JsonObject, bool>>();
        foreach (var term in SplitTerms(labelSelector)) tests.Add(LabelTerm(term));
        foreach (var term in SplitTerms(fieldSelector)) tests.Add(FieldTerm(term));
        return o => tests.All(t => t(o));
    }

    private static Func<JsonObject, bool> LabelTerm(string term)
    {
        if (SetTerm().Match(term) is { Success: true } m)
        {
            var key = m.Groups[1].Value;
            var values = m.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            var notIn = m.Groups[2].Value == "notin";
            return o => Label(o, key) is { } v ? values.Contains(v) != notIn : notIn;
        }
        if (term.StartsWith('!')) return o => Label(o, term[1..].Trim()) is null;
        var (k, op, val) = Split(term);
        return op switch
        {
            null => o => Label(o, k) is not null,
            "!=" => o => Label(o, k) != val,
            _ => o => Label(o, k) == val,
        };
    }

    private static Func<JsonObject, bool> FieldTerm(string term)
    {
        var (k, op, val) = Split(term);
        Func<JsonObject, string?> read = k switch
        {
            "metadata.name" => o => (string?)o["metadata"]?["name"],
            "metadata.namespace" => o => (string?)o["metadata"]?["namespace"],
            _ => throw FakeApiError.BadRequest($"field label not supported: {k}"),
        };
        if (op is null) throw FakeApiError.BadRequest($"invalid field selector: '{term}'");
        return op == "!=" ? o => read(o) != val : o => read(o) == val;
    }

    private static (string Key, string? Op, string? Value) Split(string term)
    {
        foreach (var op in new[] { "!=", "==", "=" })
        {
            var i = term.IndexOf(op, StringComparison.Ordinal);
            if (i > 0) return (term[..i].Trim(), op, term[(i + op.Length)..].Trim());
        }
        return (term.Trim(), null, null);
    }

    /// <summary>Commas separate terms except inside the parentheses of a set term.</summary>
    private static IEnumerable<string> SplitTerms(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) yield break;
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '(') depth++;
            else if (selector[i] == ')') depth--;
            else if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i].Trim();
                start = i + 1;
            }
        }
        yield return selector[start..].Trim();
    }

    private static string? Label(JsonObject o, string key) => (string?)(o["metadata"]?["labels"] as JsonObject)?[key];

    [GeneratedRegex(@"^\s*([^\s!=()]+)\s+(in|notin)\s+\((.*)\)\s*$")]
    private static partial Regex SetTerm();
}
