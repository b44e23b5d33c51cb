using System.Collections.Concurrent;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>Every request the test double received, in order of arrival (status 0 while still open, e.g. a running watch), so a test can assert "no API call during admission" or "key Secrets only as metadata".</summary>
public sealed class FakeRequestLog
{
    private readonly ConcurrentQueue<FakeRequestRecord> records = new();

    public IReadOnlyList<FakeRequestRecord> All => records.ToArray();

    public int Total => records.Count;

    /// <summary>Requests with this verb (null: any) on this resource plural (null: any).</summary>
    public int Count(string? verb = null, string? resource = null) =>
        records.Count(r => (verb is null || r.Verb == verb) && (resource is null || r.Resource == resource));

    public IReadOnlyList<FakeRequestRecord> Where(Func<FakeRequestRecord, bool> predicate) => records.Where(predicate).ToArray();

    /// <summary>Counts keyed "verb resource", e.g. <c>list secrets</c>.</summary>
    public IReadOnlyDictionary<string, int> CountsByVerbAndResource() =>
        records.GroupBy(r => $"{r.Verb} {r.Resource}").ToDictionary(g => g.Key, g => g.Count());

    public void Clear() => records.Clear();

    internal void Add(FakeRequestRecord record) => records.Enqueue(record);
}
