using System.Diagnostics;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// In-process decision time, no HTTP: each matching policy's <c>Decide</c>, the dispatcher for the scenario's path, and the whole
/// codec-read + dispatch + codec-write that the endpoint does. Stopwatch per call, p50/p99 over many calls after a warm-up
/// (BenchmarkDotNet's rigour is not needed for a 50 µs budget, and this runs in the same command as the load test).
/// </summary>
internal static class DecisionTimer
{
    public const string Whole = "read + dispatch + write";

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <param name="BytesPerCall">Managed bytes allocated per call on the calling thread (what the collector will have to reclaim).</param>
    /// <param name="Collections">Collections (any generation) during the measured calls: each is a pause inside one call.</param>
    public sealed record Row(string Scenario, string What, double P50Us, double P99Us, long BytesPerCall, int Collections = 0);

    public static IEnumerable<Row> Measure(Scenario scenario, ClusterSnapshot snapshot, int iterations)
    {
        var options = GuardOptions.Default;
        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        var request = AdmissionReviewCodec.Read(scenario.Body).Review!.Request!;
        var webhook = scenario.Webhook;
        foreach (var policy in PolicyCatalog.Default.For(webhook).Where(p => p.Metadata.Rules.Any(r => r.Matches(request))))
            yield return Time(scenario.Name, $"policy {policy.Metadata.Id}", iterations, () => policy.Decide(request, snapshot, options));
        yield return Time(scenario.Name, "codec read", iterations, () => ReadAsTheEndpointDoes(scenario));
        yield return Time(scenario.Name, $"dispatcher {webhook.Path}", iterations, () => dispatcher.Review(request, snapshot, options, webhook));
        yield return Time(scenario.Name, Whole, iterations, () =>
        {
            // The answer as the endpoint writes it: into the thread's buffer, from where the server copies it into the response.
            using var read = AdmissionReviewCodec.ReadInPlace(scenario.Body);
            return AdmissionReviewCodec.WriteToThreadBuffer(read.Uid!, dispatcher.Review(read.Review!.Request!, snapshot, options, webhook)).Length;
        });
    }

    /// <summary>What the endpoint adds around a decision: one audit line into the writer's queue and the metrics for it.</summary>
    public static IEnumerable<Row> EndpointOverhead(ClusterSnapshot snapshot, int iterations)
    {
        var scenario = Scenario.HottestPaths()[0];
        var request = AdmissionReviewCodec.Read(scenario.Body).Review!.Request!;
        var decision = new AdmissionDispatcher(PolicyCatalog.Default).Review(request, snapshot, GuardOptions.Default, scenario.Webhook);
        using var metrics = new Web.GuardMetrics(() => null, () => 0, () => true);
        using var exporter = new Web.PrometheusExporter(metrics.Meter);
        var audit = new Web.AuditWriter(Stream.Null, 1 << 20, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        yield return Time("endpoint overhead", "audit line (format + enqueue)", iterations, () =>
        {
            audit.Write(new Web.AuditEntry(scenario.Path, request, request.Uid, decision, "allowed", 0.0001), Web.AuditEntry.Properties);
            return 0;
        });
        yield return Time("endpoint overhead", "metrics (counter + histogram + in-flight)", iterations, () =>
        {
            metrics.Started();
            metrics.Finished(scenario.Path, "CREATE", "Kafka", "allowed", Stopwatch.GetTimestamp());
            return 0;
        });
        yield return Time("endpoint overhead", "codec read only", iterations, () => ReadAsTheEndpointDoes(scenario));
        yield return Time("endpoint overhead", "codec write only", iterations, () => AdmissionReviewCodec.WriteToThreadBuffer(request.Uid, decision).Length);
    }

    /// <summary>In place, the parse's buffers returned at the end, as the endpoint reads a review.</summary>
    private static string? ReadAsTheEndpointDoes(Scenario scenario)
    {
        using var read = AdmissionReviewCodec.ReadInPlace(scenario.Body);
        return read.Uid;
    }

    private static Row Time<T>(string scenario, string what, int iterations, Func<T> call)
    {
        // A second of calls at least, not a count: tiered compilation installs optimized code about 100 ms after a method is last
        // promoted, so a few thousand fast calls ended before it and measured unoptimized code (a Kafka CR's read: 12 us, then 6 us).
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < Math.Max(2000, iterations / 5) || warm.Elapsed < WarmUp; i++) call();
        var samples = new double[iterations];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var collections = GC.CollectionCount(0);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        // Includes the Stopwatch reads (which allocate nothing) and the samples array, allocated before the loop.
        var bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
        Array.Sort(samples);
        return new Row(scenario, what, samples[iterations / 2], samples[(int)(iterations * 0.99)], bytesPerCall, GC.CollectionCount(0) - collections);
    }
}
