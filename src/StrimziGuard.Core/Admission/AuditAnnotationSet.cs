using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace StrimziGuard.Core.Admission;

/// <summary>
/// A review's audit annotations in the order the answer lists them (ordinal by key). A review has one per policy that judged it, a
/// handful at most, so they are a sorted array: the tree of a <see cref="SortedDictionary{TKey,TValue}"/> made four objects for one
/// annotation and two more each time it was walked, on every review. A policy's finding is kept as the finding: its value is made when
/// read, and the answer writes it from the finding's words (<see cref="WriteTo"/>).
/// </summary>
internal sealed class AuditAnnotationSet : IReadOnlyDictionary<string, string>
{
    public static readonly AuditAnnotationSet Empty = new(0);

    private Entry[] entries;
    private int count;

    public AuditAnnotationSet(int capacity = 2) => entries = capacity == 0 ? [] : new Entry[capacity];

    /// <summary>Adds or replaces the value of <paramref name="key"/>.</summary>
    public void Set(string key, string value) => Put(new Entry(key, value, null));

    /// <summary>Adds or replaces the annotation of the finding's policy, its value the finding's <see cref="PolicyFinding.Annotation"/>.</summary>
    public void Set(PolicyFinding finding) => Put(new Entry(finding.PolicyId, null, finding));

    /// <summary>Writes the annotations as the members of the JSON object open in <paramref name="json"/>, in key order.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        for (var i = 0; i < count; i++)
        {
            var entry = entries[i];
            json.WritePropertyName(entry.Key);
            if (entry.Finding is { } finding) finding.WriteAnnotation(json);
            else json.WriteStringValue(entry.Value);
        }
    }

    private void Put(Entry entry)
    {
        if (ReferenceEquals(this, Empty)) throw new InvalidOperationException("the shared empty annotation set is never changed");
        var at = Find(entry.Key);
        if (at >= 0)
        {
            entries[at] = entry;
            return;
        }
        at = ~at;
        if (count == entries.Length) Array.Resize(ref entries, Math.Max(2, count * 2));
        Array.Copy(entries, at, entries, at + 1, count - at);
        entries[at] = entry;
        count++;
    }

    public int Count => count;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no audit annotation {key}");

    public IEnumerable<string> Keys => entries.Take(count).Select(e => e.Key);

    public IEnumerable<string> Values => entries.Take(count).Select(e => e.ValueText);

    public bool ContainsKey(string key) => Find(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var at = Find(key);
        value = at >= 0 ? entries[at].ValueText : null;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => entries.Take(count).Select(e => new KeyValuePair<string, string>(e.Key, e.ValueText)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The key's index, or the bitwise complement of where it belongs.</summary>
    private int Find(string key)
    {
        int low = 0, high = count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(entries[mid].Key, key);
            if (order == 0) return mid;
            if (order < 0) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }

    private readonly record struct Entry(string Key, string? Value, PolicyFinding? Finding)
    {
        public string ValueText => Value ?? Finding!.Annotation;
    }
}
