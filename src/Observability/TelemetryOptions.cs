namespace DockerGuard.Observability;

/// <summary>
/// What a DockerGuard server exports. OTLP follows the standard OpenTelemetry environment
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>): it is on when an endpoint is set there or here.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>service.name when <c>OTEL_SERVICE_NAME</c> does not set one: dockerguard-plugin, dockerguard-webhook.</summary>
    public required string ServiceName { get; init; }

    /// <summary>Overrides <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (a <c>--otlp-endpoint</c> option).</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Used with <see cref="OtlpEndpoint"/>; null keeps the exporter's default or <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.</summary>
    public OpenTelemetry.Exporter.OtlpExportProtocol? OtlpProtocol { get; init; }

    /// <summary>Keep metrics for a Prometheus scrape (<see cref="MetricsEndpoint"/>, <see cref="MetricsListener"/>).</summary>
    public bool Prometheus { get; init; } = true;

    /// <summary>How often OTLP metrics are pushed; the SDK default is 60 s.</summary>
    public TimeSpan OtlpMetricInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>True when OTLP export is configured here or in the environment.</summary>
    public bool OtlpEnabled => OtlpEndpoint is not null
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
}
