using DockerGuard.Audit.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DockerGuard.Observability;

/// <summary>
/// Turns on export of what <see cref="DecisionTelemetry"/> emits (the decision spans and the
/// DockerGuard meter): OTLP when configured, and the metrics a Prometheus scrape reads. A serve
/// command creates one at start and disposes it at stop (which flushes OTLP).
/// Without one, the spans and instruments cost next to nothing: nobody listens.
/// </summary>
public sealed class DockerGuardTelemetry : IDisposable
{
    private readonly TracerProvider? _traces;

    private DockerGuardTelemetry(TracerProvider? traces, MeterProvider meters, TelemetryOptions options)
    {
        _traces = traces;
        Meters = meters;
        Options = options;
    }

    public MeterProvider Meters { get; }
    public TelemetryOptions Options { get; }

    public static DockerGuardTelemetry Start(TelemetryOptions options)
    {
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
            resource.AddService(options.ServiceName, serviceVersion: typeof(DockerGuardTelemetry).Assembly.GetName().Version?.ToString());

        var meters = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(DecisionTelemetry.Name);
        // No response cache: a scrape right after a decision or reload must show it (scrapes are seconds apart anyway).
        if (options.Prometheus) meters.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
        TracerProvider? traces = null;
        if (options.OtlpEnabled)
        {
            meters.AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, options, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpMetricInterval.TotalMilliseconds;
            });
            traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(DecisionTelemetry.Name)
                .AddOtlpExporter(exporter =>
                {
                    Configure(exporter, options, "v1/traces");
                })
                .Build();
        }
        return new DockerGuardTelemetry(traces, meters.Build(), options);
    }

    /// <summary>The SDK appends /v1/traces and /v1/metrics only to an endpoint from the environment; an explicit http/protobuf endpoint gets them here. gRPC takes the bare endpoint.</summary>
    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        if (options.OtlpProtocol is { } protocol) exporter.Protocol = protocol;
        if (options.OtlpEndpoint is not { } endpoint) return;
        exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(new Uri(endpoint.ToString().TrimEnd('/') + "/"), signalPath)
            : endpoint;
    }

    /// <summary>Pushes what is pending to OTLP now (tests, and before exit).</summary>
    public void Flush(TimeSpan timeout)
    {
        _traces?.ForceFlush((int)timeout.TotalMilliseconds);
        Meters.ForceFlush((int)timeout.TotalMilliseconds);
    }

    public void Dispose()
    {
        _traces?.Dispose();
        Meters.Dispose();
    }
}
