using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace StrimziGuard.Web;

/// <summary>
/// The audit trail's writer: each line is UTF-8 JSON written into a pooled buffer on the request's thread, queued on a bounded
/// channel and written out by one background task, which flushes once per batch (lines gather for 10 ms). A request never waits for the output: when the
/// queue is full the line is dropped and counted (<c>strimzi_guard_audit_lines_dropped_total</c>). The stock console logger costs
/// half the server's throughput here (architecture.md §5); this costs a few per cent.
/// </summary>
internal sealed class AuditWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Log lines are never embedded in HTML; relaxed escaping keeps messages readable ('+', '<', quotes in reasons).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>How long the writer lets lines gather before it writes them out and flushes.</summary>
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(10);

    [ThreadStatic]
    private static Utf8JsonWriter? cachedJson;

    private readonly Channel<PooledLine> queue;
    private readonly Stream output;
    private readonly ILogger logger;
    private readonly Task drain;
    private long dropped;
    private long written;

    public AuditWriter(Stream output, int capacity, ILogger logger)
    {
        this.output = output;
        this.logger = logger;
        queue = Channel.CreateBounded<PooledLine>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite, "full" means false: we drop and count, never wait
        });
        drain = Task.Run(DrainAsync);
    }

    public long Dropped => Interlocked.Read(ref dropped);

    public long Written => Interlocked.Read(ref written);

    /// <summary>Writes one JSON object (the callback writes its properties) as a line; returns at once.</summary>
    public void Write<TState>(in TState state, WriteProperties<TState> properties)
    {
        var line = new PooledLine();
        var json = cachedJson ??= new Utf8JsonWriter(line, JsonOptions);
        json.Reset(line);
        try
        {
            json.WriteStartObject();
            properties(json, in state);
            json.WriteEndObject();
            json.Flush();
        }
        finally
        {
            json.Reset(Stream.Null);
        }
        line.GetSpan(1)[0] = (byte)'\n';
        line.Advance(1);
        if (!queue.Writer.TryWrite(line))
        {
            line.Return();
            Interlocked.Increment(ref dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await drain.ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        var reader = queue.Reader;
        var failed = false;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Let a batch gather: waking this task for every line cost each request a thread-pool hand-off and the channel's lock
            // (measured: about a tenth of a request's CPU under load). Lines reach the output within the window, shutdown included.
            await Task.Delay(BatchWindow).ConfigureAwait(false);
            while (reader.TryRead(out var line))
            {
                try
                {
                    if (!failed)
                    {
                        await output.WriteAsync(line.Written).ConfigureAwait(false);
                        Interlocked.Increment(ref written);
                    }
                    else
                    {
                        Interlocked.Increment(ref dropped);
                    }
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
                {
                    failed = true;
                    Interlocked.Increment(ref dropped);
                    WebLog.AuditWriterFailed(logger, e.Message);
                }
                finally
                {
                    line.Return();
                }
            }
            if (!failed) await FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            await output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            WebLog.AuditWriterFailed(logger, e.Message);
        }
    }

    public delegate void WriteProperties<TState>(Utf8JsonWriter json, in TState state);
}
