using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DockerGuard.Audit.Telemetry;

namespace DockerGuard.Audit.Tests.Support;

/// <summary>Listens to the DockerGuard meter and sums each instrument's measurements (all tags together).</summary>
public sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentQueue<(string Instrument, KeyValuePair<string, object?>[] Tags)> _tags = new();

    public MetricCapture()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DecisionTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.Start();
    }

    public double Sum(string instrument) => _sums.GetValueOrDefault(instrument);

    public IEnumerable<KeyValuePair<string, object?>[]> TagsOf(string instrument) => _tags.Where(t => t.Instrument == instrument).Select(t => t.Tags);

    private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _sums.AddOrUpdate(name, value, (_, old) => old + value);
        _tags.Enqueue((name, tags.ToArray()));
    }

    public void Dispose() => _listener.Dispose();
}
