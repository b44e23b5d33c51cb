using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// A review's audit annotations in the order the answer lists them (ordinal by key). A review has one per policy that judged it, a
/// handful at most, so they are a sorted array: the tree of a <see cref="SortedDictionary{TKey,TValue}"/> made four objects for one
/// annotation and two more each time it was walked, on every review.
/// </summary>
internal sealed class AuditAnnotationSet : IReadOnlyDictionary<string, string>
{
    public static readonly AuditAnnotationSet Empty = new(0);

    private KeyValuePair<string, string>[] pairs;
    private int count;

    public AuditAnnotationSet(int capacity = 2) => pairs = capacity == 0 ? [] : new KeyValuePair<string, string>[capacity];

    /// <summary>The annotations sorted by key (ordinal).</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> Sorted => pairs.AsSpan(0, count);

    /// <summary>Adds or replaces the value of <paramref name="key"/>.</summary>
    public void Set(string key, string value)
    {
        if (ReferenceEquals(this, Empty)) throw new InvalidOperationException("the shared empty annotation set is never changed");
        var at = Find(key);
        if (at >= 0)
        {
            pairs[at] = new(key, value);
            return;
        }
        at = ~at;
        if (count == pairs.Length) Array.Resize(ref pairs, Math.Max(2, count * 2));
        Array.Copy(pairs, at, pairs, at + 1, count - at);
        pairs[at] = new(key, value);
        count++;
    }

    public int Count => count;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no audit annotation {key}");

    public IEnumerable<string> Keys => pairs.Take(count).Select(p => p.Key);

    public IEnumerable<string> Values => pairs.Take(count).Select(p => p.Value);

    public bool ContainsKey(string key) => Find(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var at = Find(key);
        value = at >= 0 ? pairs[at].Value : null;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => pairs.Take(count).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The key's index, or the bitwise complement of where it belongs.</summary>
    private int Find(string key)
    {
        int low = 0, high = count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(pairs[mid].Key, key);
            if (order == 0) return mid;
            if (order < 0) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }
}
