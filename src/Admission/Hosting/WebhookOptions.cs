using System.Net;
using DockerGuard.Admission.Review;

namespace DockerGuard.Admission.Hosting;

/// <summary>How the webhook listens. Port 0 picks a free port (tests, benchmarks).</summary>
public sealed record WebhookOptions
{
    public IPAddress Address { get; init; } = IPAddress.Any;
    public int Port { get; init; } = 8443;
    public required string CertFile { get; init; }
    public required string KeyFile { get; init; }
    /// <summary>An AdmissionReview holds the object and the old object, each at most etcd's 1.5 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;
    public ControllerMode ControllerMode { get; init; } = ControllerMode.Deny;
    /// <summary>Used when the apiserver sends no <c>?timeout=</c> (its default is 10 s).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>More endpoints on the same HTTPS port (the CLI adds GET /metrics); keeps this project free of exporter packages.</summary>
    public Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>? MoreEndpoints { get; init; }
}
