using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DockerGuard.Observability;

/// <summary>GET /metrics in Prometheus' text format, added to a server's own endpoints (the webhook serves it on its HTTPS port).</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder MapDockerGuardMetrics(this IEndpointRouteBuilder endpoints, DockerGuardTelemetry telemetry)
    {
        if (!telemetry.Options.Prometheus) throw new InvalidOperationException("telemetry was started without the Prometheus exporter");
        return endpoints.MapPrometheusScrapingEndpoint(Path, telemetry.Meters, configureBranchedPipeline: null, optionsName: null);
    }
}
