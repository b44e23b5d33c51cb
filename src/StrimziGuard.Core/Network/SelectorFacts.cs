using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>What a label selector guarantees about every object it matches, and how to print it in a message.</summary>
internal static class SelectorFacts
{
    /// <summary>For a selector without <c>matchExpressions</c>: <c>?? []</c> would make an empty list each time.</summary>
    private static readonly List<V1LabelSelectorRequirement> NoExpressions = [];

    /// <summary>
    /// True when every object the selector matches has <paramref name="key"/> = <paramref name="value"/>: through <c>matchLabels</c>,
    /// or an <c>In</c> expression whose only value it is. An absent selector guarantees nothing.
    /// </summary>
    public static bool Requires(V1LabelSelector? selector, string key, string value)
    {
        if (selector is null) return false;
        if (selector.MatchLabels is { } labels && labels.TryGetValue(key, out var v) && v == value) return true;
        // Plain loops here and below: every peer of every NetworkPolicy review asks, and closures and boxed enumerators were its garbage.
        foreach (var e in selector.MatchExpressions ?? NoExpressions)
        {
            if (e.Key == key && e.Operator == "In" && e.Values is { Count: > 0 } values && AllAre(values, value)) return true;
        }
        return false;
    }

    private static bool AllAre(List<string> values, string value)
    {
        foreach (var x in values)
            if (x != value) return false;
        return true;
    }

    public static bool RequiresAll(V1LabelSelector? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0) return false;
        if (labels is Dictionary<string, string> map)
        {
            foreach (var (key, value) in map)
                if (!Requires(selector, key, value)) return false;
            return true;
        }
        foreach (var (key, value) in labels)
            if (!Requires(selector, key, value)) return false;
        return true;
    }

    /// <summary>The namespace name a selector pins through <c>kubernetes.io/metadata.name</c>, if it pins exactly one.</summary>
    public static string? PinnedName(V1LabelSelector? selector)
    {
        if (selector?.MatchLabels is { } labels && labels.TryGetValue(TrafficSource.NamespaceNameLabel, out var name)) return name;
        foreach (var e in selector?.MatchExpressions ?? NoExpressions)
        {
            if (e.Key == TrafficSource.NamespaceNameLabel && e.Operator == "In" && e.Values is { Count: > 0 } v && AllAre(v, v[0])) return v[0];
        }
        return null;
    }

    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is not null && selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 };

    /// <summary>A selector in kubectl's syntax inside braces: <c>{app=client,tier in (a,b),!legacy}</c>; <c>{}</c> selects everything.</summary>
    public static string Format(V1LabelSelector? selector)
    {
        if (selector is null) return "{}";
        var parts = new List<string>((selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0));
        if (selector.MatchLabels is { Count: > 0 } labels)
        {
            var keys = labels.Keys.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys) parts.Add($"{key}={labels[key]}");
        }
        foreach (var e in selector.MatchExpressions ?? NoExpressions)
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
