using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StrimziGuard.Web;

/// <summary>
/// The server's instruments, on a Meter of its own (one per server, so servers in one process, as in the tests, never mix counts).
/// Names are the Prometheus family names the exporter prints; counters get <c>_total</c> appended there.
/// </summary>
internal sealed class GuardMetrics : IDisposable
{
    public const string MeterName = "StrimziGuard";

    /// <summary>0.25 ms to 10 s: a decision takes microseconds, a TLS round trip about a millisecond, the API server gives up at 10 s.</summary>
    public static readonly double[] DurationBuckets = [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;
    private readonly Counter<long> findings;
    private long inFlight;

    public GuardMetrics(Func<DateTime?> certificateExpiry, Func<long> auditDropped, Func<bool> configReloadOk, Func<bool>? snapshotStale = null)
    {
        Meter = new Meter(MeterName);
        requests = Meter.CreateCounter<long>("strimzi_guard_admission_requests", "{request}",
            "Admission reviews answered, by webhook path, operation, kind and decision (allowed, patched, denied, errored, invalid).");
        findings = Meter.CreateCounter<long>("strimzi_guard_policy_findings", "{finding}",
            "Policy findings that were not a plain pass, by policy and outcome (denied, warned, warned-operator, warned-existing, audited, "
            + "patched, errored): what Warn and Audit mode let through is counted here.");
        duration = Meter.CreateHistogram("strimzi_guard_admission_duration_seconds", "s",
            "Time from the start of reading a review to its answer being written.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Meter.CreateObservableGauge("strimzi_guard_admission_in_flight_requests", () => Volatile.Read(ref inFlight), "{request}",
            "Admission reviews being answered right now.");
        Meter.CreateObservableGauge<double>("strimzi_guard_serving_certificate_expiry_timestamp_seconds",
            () => certificateExpiry() is { } t ? [new Measurement<double>((t.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds)] : [],
            "s", "When the serving certificate in use expires, in seconds since the Unix epoch.");
        Meter.CreateObservableCounter("strimzi_guard_audit_lines_dropped", auditDropped, "{line}",
            "Audit lines dropped because the writer fell behind (requests are never blocked by auditing).");
        Meter.CreateObservableGauge("strimzi_guard_config_last_reload_successful", () => configReloadOk() ? 1 : 0, null,
            "1 when the configuration file in place is the one in force, 0 when its last reload failed and the previous one is kept.");
        Meter.CreateObservableGauge("strimzi_guard_build_info",
            () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", BuildInfo.Version), new KeyValuePair<string, object?>("commit", BuildInfo.Commit)),
            null, "Always 1; the labels name the version and commit of the running binary.");
        Meter.CreateObservableGauge("strimzi_guard_snapshot_stale", () => snapshotStale?.Invoke() == true ? 1 : 0, null,
            "1 when the watch caches have been failing for a while and decisions use the last good cluster snapshot.");
    }

    public Meter Meter { get; }

    public long InFlight => Volatile.Read(ref inFlight);

    public void Started() => Interlocked.Increment(ref inFlight);

    public void Finished(string webhook, string operation, string kind, string decision, long startTimestamp)
    {
        Interlocked.Decrement(ref inFlight);
        var tags = new TagList
        {
            { "webhook", webhook },
            { "operation", operation },
            { "kind", kind },
            { "decision", decision },
        };
        requests.Add(1, tags);
        duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("webhook", webhook));
    }

    /// <summary>Counts one finding of a decision (callers skip plain passes).</summary>
    public void Finding(string policy, string outcome) =>
        findings.Add(1, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => Meter.Dispose();
}
