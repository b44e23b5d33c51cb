using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace StrimziGuard.Web;

/// <summary>
/// One instrument's series, aggregated as measurements arrive: counters add, gauges keep the last value, histograms count into
/// buckets. Lookups on the request path allocate nothing once a label combination has been seen.
/// </summary>
internal sealed class MetricFamily
{
    private readonly ConcurrentDictionary<LabelValues, Series> series = new();
    private readonly double[]? bounds;

    public MetricFamily(Instrument instrument)
    {
        Instrument = instrument;
        var kind = instrument.GetType().GetGenericTypeDefinition();
        IsCounter = kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>);
        Adds = kind == typeof(Counter<>) || kind == typeof(UpDownCounter<>);
        if (instrument is Histogram<double> h) bounds = h.Advice?.HistogramBucketBoundaries?.ToArray() ?? GuardMetrics.DurationBuckets;
    }

    public Instrument Instrument { get; }

    private bool IsCounter { get; }

    /// <summary>Synchronous counters report increments; observable ones report the running total, which replaces.</summary>
    private bool Adds { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = LabelValues.From(tags);
        if (!series.TryGetValue(key, out var s)) s = series.GetOrAdd(key, new Series(LabelValues.Names(tags), bounds));
        if (bounds is not null) s.Observe(value, bounds);
        else if (Adds) s.Add(value);
        else s.Set(value);
    }

    public void WriteTo(StringBuilder text)
    {
        var name = Instrument.Name + (IsCounter ? "_total" : "");
        var type = bounds is not null ? "histogram" : IsCounter ? "counter" : "gauge";
        text.Append("# HELP ").Append(name).Append(' ').Append(Instrument.Description?.Replace("\n", " ")).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (key, s) in series.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            if (bounds is null)
            {
                Sample(text, name, s.Names, key, null, s.Value);
                continue;
            }
            long cumulative = 0;
            for (var i = 0; i <= bounds.Length; i++)
            {
                cumulative += Interlocked.Read(ref s.Buckets![i]);
                Sample(text, name + "_bucket", s.Names, key, i < bounds.Length ? Format(bounds[i]) : "+Inf", cumulative);
            }
            Sample(text, name + "_sum", s.Names, key, null, s.Value);
            Sample(text, name + "_count", s.Names, key, null, cumulative);
        }
    }

    private static void Sample(StringBuilder text, string name, string[] names, LabelValues values, string? le, double value)
    {
        text.Append(name);
        if (names.Length > 0 || le is not null)
        {
            text.Append('{');
            for (var i = 0; i < names.Length; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(names[i]).Append("=\"").Append(Escape(values[i])).Append('"');
            }
            if (le is not null) text.Append(names.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            text.Append('}');
        }
        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private sealed class Series(string[] names, double[]? bounds)
    {
        private double value;

        public string[] Names { get; } = names;

        public long[]? Buckets { get; } = bounds is null ? null : new long[bounds.Length + 1];

        public double Value => Volatile.Read(ref value);

        public void Set(double v) => Volatile.Write(ref value, v);

        public void Add(double v)
        {
            double seen, next;
            do
            {
                seen = Volatile.Read(ref value);
                next = seen + v;
            }
            while (Interlocked.CompareExchange(ref value, next, seen) != seen);
        }

        public void Observe(double v, double[] bounds)
        {
            var i = 0;
            while (i < bounds.Length && v > bounds[i]) i++;
            Interlocked.Increment(ref Buckets![i]);
            Add(v);
        }
    }
}
