using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace StrimziGuard.Web;

/// <summary>
/// The audit trail's writer: each line is UTF-8 JSON formatted on the request's thread into that thread's own buffer, then copied into
/// the batch being filled; one background task swaps batches and writes each out with one flush (lines gather for 10 ms). A request
/// never waits for the output: when the batch being filled already holds <c>capacity</c> lines the line is dropped and counted
/// (<c>strimzi_guard_audit_lines_dropped_total</c>). No line allocates: a pooled buffer per line, rented on a request thread and
/// returned by the writer task, missed the pool's per-thread cache and cost 2 KB of garbage a request. The stock console logger costs
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
    private static (ArrayBufferWriter<byte> Line, Utf8JsonWriter Json)? formatting;

    private readonly Lock gate = new();
    private readonly Stream output;
    private readonly int capacity;
    private readonly ILogger logger;
    private readonly Task drain;
    private Batch filling = new();
    private Batch spare = new();
    private TaskCompletionSource? firstLine; // set while the writer task waits for a batch to begin
    private bool completed;
    private long dropped;
    private long written;

    public AuditWriter(Stream output, int capacity, ILogger logger)
    {
        this.output = output;
        this.capacity = capacity;
        this.logger = logger;
        drain = Task.Run(DrainAsync);
    }

    public long Dropped => Interlocked.Read(ref dropped);

    public long Written => Interlocked.Read(ref written);

    public void Write<TState>(in TState state, WriteProperties<TState> properties)
    {
        var (line, json) = formatting ??= Formatter();
        line.ResetWrittenCount();
        json.Reset(line);
        json.WriteStartObject();
        properties(json, in state);
        json.WriteEndObject();
        json.Flush();
        line.Write("\n"u8);

        TaskCompletionSource? wake;
        lock (gate)
        {
            if (completed || filling.Lines >= capacity)
            {
                Interlocked.Increment(ref dropped);
                return;
            }
            filling.Append(line.WrittenSpan);
            wake = firstLine;
            firstLine = null;
        }
        wake?.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            completed = true;
            wake = firstLine;
            firstLine = null;
        }
        wake?.TrySetResult();
        await drain.ConfigureAwait(false);
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) Formatter()
    {
        var line = new ArrayBufferWriter<byte>(1024);
        return (line, new Utf8JsonWriter(line, JsonOptions));
    }

    private async Task DrainAsync()
    {
        var failed = false;
        while (true)
        {
            Task begun;
            lock (gate)
            {
                if (filling.Lines == 0 && completed) return;
                firstLine = filling.Lines == 0 ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
                begun = firstLine?.Task ?? Task.CompletedTask;
            }
            await begun.ConfigureAwait(false);
            // Let a batch gather: waking this task for every line cost each request a thread-pool hand-off (measured: about a tenth of
            // a request's CPU under load). Lines reach the output within the window, shutdown included.
            if (!Volatile.Read(ref completed)) await Task.Delay(BatchWindow).ConfigureAwait(false);
            Batch batch;
            lock (gate)
            {
                batch = filling;
                filling = spare;
            }
            failed = await WriteOut(batch, failed).ConfigureAwait(false);
            batch.Clear();
            lock (gate) spare = batch;
        }
    }

    /// <summary>Writes and flushes one batch; true once the output has failed (every later line is counted as dropped).</summary>
    private async Task<bool> WriteOut(Batch batch, bool failed)
    {
        if (batch.Lines == 0) return failed;
        if (failed)
        {
            Interlocked.Add(ref dropped, batch.Lines);
            return true;
        }
        try
        {
            await output.WriteAsync(batch.Bytes).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            Interlocked.Add(ref written, batch.Lines);
            return false;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            Interlocked.Add(ref dropped, batch.Lines);
            WebLog.AuditWriterFailed(logger, e.Message);
            return true;
        }
    }

    public delegate void WriteProperties<TState>(Utf8JsonWriter json, in TState state);

    /// <summary>Lines gathered for one write; its buffer is kept for the next batch unless a burst made it large.</summary>
    private sealed class Batch
    {
        private const int KeptBytes = 1 << 20;

        private const int FirstBytes = 8 * 1024;

        private byte[] buffer = new byte[FirstBytes];
        private int length;

        public int Lines { get; private set; }

        public ReadOnlyMemory<byte> Bytes => buffer.AsMemory(0, length);

        public void Append(ReadOnlySpan<byte> line)
        {
            if (length + line.Length > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + line.Length));
            line.CopyTo(buffer.AsSpan(length));
            length += line.Length;
            Lines++;
        }

        public void Clear()
        {
            if (buffer.Length > KeptBytes) buffer = new byte[FirstBytes];
            length = 0;
            Lines = 0;
        }
    }
}
