using System.Diagnostics.Metrics;
using System.Text;

namespace StrimziGuard.Web;

/// <summary>
/// Prometheus text exposition (format 0.0.4) of one Meter, collected with a <see cref="MeterListener"/>. Written by us because no
/// exporter package restores here, and because a listener that aggregates in place costs less per request than a general SDK.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener listener = new();
    private readonly List<MetricFamily> families = [];
    private readonly Lock scrape = new();

    public PrometheusExporter(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (!ReferenceEquals(instrument.Meter, meter)) return;
            var family = new MetricFamily(instrument);
            lock (families) families.Add(family);
            l.EnableMeasurementEvents(instrument, family);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.Start();
    }

    public string Scrape()
    {
        lock (scrape)
        {
            listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            MetricFamily[] snapshot;
            lock (families) snapshot = [.. families];
            foreach (var family in snapshot.OrderBy(f => f.Instrument.Name, StringComparer.Ordinal)) family.WriteTo(text);
            return text.ToString();
        }
    }

    public void Dispose() => listener.Dispose();
}
