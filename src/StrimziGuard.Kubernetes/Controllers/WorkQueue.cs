namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// client-go's work queue semantics: a key is queued at most once; a key added while it is being processed is processed again after
/// <see cref="Done"/>, never by two workers at once; failures back off per key (exponential, capped) until <see cref="Forget"/>.
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<string> queue = new();
    private readonly HashSet<string> dirty = [];
    private readonly HashSet<string> processing = [];
    private readonly Dictionary<string, int> failures = [];
    private readonly SemaphoreSlim available = new(0);
    private readonly CancellationTokenSource shutdown = new();
    private readonly TimeProvider time;

    public WorkQueue(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeProvider? time = null)
    {
        BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(50);
        MaxDelay = maxDelay ?? TimeSpan.FromMinutes(5);
        this.time = time ?? TimeProvider.System;
    }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>Keys waiting to be taken.</summary>
    public int Count
    {
        get
        {
            lock (gate) return queue.Count;
        }
    }

    public void Add(string key)
    {
        lock (gate)
        {
            if (!dirty.Add(key) || processing.Contains(key)) return;
            queue.Enqueue(key);
        }
        available.Release();
    }

    public async Task<string> TakeAsync(CancellationToken ct)
    {
        await available.WaitAsync(ct).ConfigureAwait(false);
        lock (gate)
        {
            var key = queue.Dequeue();
            dirty.Remove(key);
            processing.Add(key);
            return key;
        }
    }

    public void Done(string key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (!dirty.Contains(key)) return;
            queue.Enqueue(key);
        }
        available.Release();
    }

    /// <summary>Queues the key again after its backoff (BaseDelay × 2^failures, capped at MaxDelay) and returns that delay.</summary>
    public TimeSpan AddRateLimited(string key)
    {
        int n;
        lock (gate)
        {
            n = failures.GetValueOrDefault(key);
            failures[key] = n + 1;
        }
        var delay = BaseDelay * Math.Pow(2, Math.Min(n, 30));
        if (delay > MaxDelay) delay = MaxDelay;
        _ = AddAfterAsync(key, delay);
        return delay;
    }

    /// <summary>The key succeeded: its next failure starts from BaseDelay again.</summary>
    public void Forget(string key)
    {
        lock (gate) failures.Remove(key);
    }

    public int Failures(string key)
    {
        lock (gate) return failures.GetValueOrDefault(key);
    }

    public void Dispose()
    {
        shutdown.Cancel();
        shutdown.Dispose();
        available.Dispose();
    }

    private async Task AddAfterAsync(string key, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, shutdown.Token).ConfigureAwait(false);
            Add(key);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The queue was shut down.
        }
    }
}
