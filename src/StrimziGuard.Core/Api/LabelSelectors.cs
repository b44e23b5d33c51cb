namespace StrimziGuard.Core.Api;

/// <summary>
/// Kubernetes label-selector semantics: all <c>matchLabels</c> and all <c>matchExpressions</c> must hold; an empty selector selects everything.
/// A null selector also matches everything here, which is right for a NetworkPolicy's <c>podSelector</c> but not for a peer's absent
/// <c>namespaceSelector</c> (that means "the policy's own namespace"): callers judging peers decide that case themselves (see Network/PeerMatch).
/// </summary>
internal static class LabelSelectors
{
    private static readonly Dictionary<string, string> NoLabels = [];

    public static bool Matches(this V1LabelSelector? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null) return true;
        labels ??= NoLabels;
        if (selector.MatchLabels is { } required)
        {
            foreach (var (key, value) in required)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
            }
        }
        if (selector.MatchExpressions is not { } expressions) return true; // not `?? []`: that made an empty list for every match
        foreach (var e in expressions)
        {
            var has = labels.TryGetValue(e.Key, out var actual);
            var ok = e.Operator switch
            {
                "In" => has && (e.Values ?? []).Contains(actual!),
                "NotIn" => !has || !(e.Values ?? []).Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                // The API server rejects unknown operators; if one slips through, it selects nothing (fail towards "not matched").
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    public static bool Matches(this V1LabelSelector? selector, Dictionary<string, string>? labels) =>
        Matches(selector, (IReadOnlyDictionary<string, string>?)labels);
}
