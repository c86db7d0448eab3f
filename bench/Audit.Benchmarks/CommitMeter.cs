using System.Diagnostics.Metrics;
using DockerGuard.Audit.Telemetry;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// Listens to the pipeline's own commit metrics (duration and size of each group commit), so a run
/// can tell time spent committing from time spent waiting for a CPU or a batch.
/// </summary>
public sealed class CommitMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _commitMs = [];
    private readonly List<double> _batch = [];

    public CommitMeter()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DecisionTelemetry.Name && instrument.Name is "dockerguard.audit.write.duration" or "dockerguard.audit.batch.size")
                l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => { lock (_commitMs) _commitMs.Add(seconds * 1000); });
        _listener.SetMeasurementEventCallback<long>((_, size, _, _) => { lock (_batch) _batch.Add(size); });
        _listener.Start();
    }

    public string Describe()
    {
        _listener.Dispose();
        lock (_commitMs) lock (_batch)
            return $"commits={_commitMs.Count} records per commit median={Percentiles.Of([.. _batch.Order()], 0.5):F0} mean={(_batch.Count == 0 ? 0 : _batch.Average()):F1}; commit time {Percentiles.Describe(_commitMs)}";
    }

    public void Dispose() => _listener.Dispose();
}
