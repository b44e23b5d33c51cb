using System.Threading.Channels;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>An open watch: the store pushes every event of its group/plural; the watch handler filters and writes them.</summary>
internal sealed class FakeWatcher(string group, string plural)
{
    public string Group { get; } = group;

    public string Plural { get; } = plural;

    public Channel<FakeStoredEvent> Events { get; } = Channel.CreateUnbounded<FakeStoredEvent>();

    /// <summary>Cancelled by <see cref="FakeApiFaults.DropWatches"/>: the handler then aborts the connection, like a network failure.</summary>
    public CancellationTokenSource Drop { get; } = new();

    public long LastSeen { get; set; }
}
