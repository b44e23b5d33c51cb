using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>
/// Items (pods of one namespace) indexed by label key and value, built once per snapshot: a selector's <c>matchLabels</c> narrow the
/// candidates to the shortest list of items carrying one of its pairs, and only those are matched against the whole selector. So judging
/// a NetworkPolicy that selects one cluster's pods looks at that cluster's pods, not the namespace's. <see cref="Candidates"/> is always a
/// superset, in order, of what the selector matches; callers still apply their own predicate to each candidate.
/// </summary>
internal sealed class LabelIndex<T>
{
    private readonly Dictionary<(string Key, string Value), List<int>> postings = [];
    private readonly int[] all;

    public LabelIndex(IReadOnlyList<T> items, Func<T, IReadOnlyDictionary<string, string>> labelsOf)
    {
        Items = items;
        all = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            all[i] = i;
            foreach (var (key, value) in labelsOf(items[i]))
            {
                if (!postings.TryGetValue((key, value), out var list)) postings[(key, value)] = list = [];
                list.Add(i);
            }
        }
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>Positions in <see cref="Items"/>, ascending, of every item that may match <paramref name="selector"/>.</summary>
    public IReadOnlyList<int> Candidates(V1LabelSelector? selector)
    {
        if (selector?.MatchLabels is not { Count: > 0 } required) return all;
        IReadOnlyList<int>? shortest = null;
        foreach (var (key, value) in required)
        {
            // No item carries a required pair: none can match.
            if (!postings.TryGetValue((key, value), out var list)) return [];
            if (shortest is null || list.Count < shortest.Count) shortest = list;
        }
        return shortest!;
    }
}
