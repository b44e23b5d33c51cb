using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>What a label selector guarantees about every object it matches, and how to print it in a message.</summary>
internal static class SelectorFacts
{
    /// <summary>
    /// True when every object the selector matches has <paramref name="key"/> = <paramref name="value"/>: through <c>matchLabels</c>,
    /// or an <c>In</c> expression whose only value it is. An absent selector guarantees nothing.
    /// </summary>
    public static bool Requires(V1LabelSelector? selector, string key, string value)
    {
        if (selector is null) return false;
        if (selector.MatchLabels is { } labels && labels.TryGetValue(key, out var v) && v == value) return true;
        return (selector.MatchExpressions ?? []).Any(e => e.Key == key && e.Operator == "In" && e.Values is { Count: > 0 } values && values.All(x => x == value));
    }

    public static bool RequiresAll(V1LabelSelector? selector, IReadOnlyDictionary<string, string> labels) =>
        labels.Count > 0 && labels.All(l => Requires(selector, l.Key, l.Value));

    /// <summary>The namespace name a selector pins through <c>kubernetes.io/metadata.name</c>, if it pins exactly one.</summary>
    public static string? PinnedName(V1LabelSelector? selector)
    {
        if (selector?.MatchLabels is { } labels && labels.TryGetValue(TrafficSource.NamespaceNameLabel, out var name)) return name;
        var single = (selector?.MatchExpressions ?? [])
            .FirstOrDefault(e => e.Key == TrafficSource.NamespaceNameLabel && e.Operator == "In" && e.Values is { Count: > 0 } v && v.Distinct().Count() == 1);
        return single?.Values![0];
    }

    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is not null && selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 };

    /// <summary>A selector in kubectl's syntax inside braces: <c>{app=client,tier in (a,b),!legacy}</c>; <c>{}</c> selects everything.</summary>
    public static string Format(V1LabelSelector? selector)
    {
        if (selector is null) return "{}";
        var parts = (selector.MatchLabels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}").ToList();
        foreach (var e in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", e.Values ?? []);
            parts.Add(e.Operator switch
            {
                "In" => $"{e.Key} in ({values})",
                "NotIn" => $"{e.Key} notin ({values})",
                "Exists" => e.Key,
                "DoesNotExist" => $"!{e.Key}",
                _ => $"{e.Key} {e.Operator} ({values})",
            });
        }
        return "{" + string.Join(",", parts) + "}";
    }
}
