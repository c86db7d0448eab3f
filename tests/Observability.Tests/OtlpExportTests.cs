using System.Collections.Concurrent;
using System.Net;
using DockerGuard.Audit.Telemetry;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace DockerGuard.Observability.Tests;

/// <summary>
/// OTLP export over HTTP to a receiver on loopback. No OpenTelemetry Collector is installed here,
/// so a small Kestrel app plays it and records what arrives (path, content type, body): the
/// payload is checked for the span name and the metric name, as protobuf carries them verbatim.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Decision_spans_and_metrics_reach_an_OTLP_endpoint()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var collector = builder.Build();
        collector.MapPost("/{**path}", async (HttpContext c) =>
        {
            using var body = new MemoryStream();
            await c.Request.Body.CopyToAsync(body);
            received.Enqueue((c.Request.Path, c.Request.ContentType, body.ToArray()));
            c.Response.ContentType = "application/x-protobuf";
        });
        await collector.StartAsync();
        var address = new Uri(collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using (var telemetry = DockerGuardTelemetry.Start(new TelemetryOptions
        {
            ServiceName = "dockerguard-otlp-test",
            OtlpEndpoint = address,
            OtlpProtocol = OtlpExportProtocol.HttpProtobuf,
            Prometheus = false,
        }))
        {
            using (DecisionTelemetry.StartDecision(Entry(), DateTimeOffset.UtcNow)) { }
            telemetry.Flush(TimeSpan.FromSeconds(30));
        }

        var traces = received.Where(r => r.Path == "/v1/traces").ToList();
        var metrics = received.Where(r => r.Path == "/v1/metrics").ToList();
        traces.Should().NotBeEmpty();
        metrics.Should().NotBeEmpty();
        traces.Should().OnlyContain(r => r.ContentType == "application/x-protobuf");
        Text(traces).Should().Contain("dockerguard.decision").And.Contain("dockerguard.policy_version").And.Contain("dockerguard-otlp-test");
        Text(metrics).Should().Contain("dockerguard.decisions");
    }

    private static string Text(IEnumerable<(string Path, string? ContentType, byte[] Body)> requests) =>
        string.Concat(requests.Select(r => System.Text.Encoding.Latin1.GetString(r.Body)));

    private static Audit.AuditEntry Entry() => new(
        new WorkloadRequest { Surface = Surface.Docker, Operation = Operation.Create },
        new Decision
        {
            Outcome = DecisionOutcome.Deny,
            Violations = [new Violation { RuleId = "privileged", Action = RuleAction.Deny, Detail = "privileged", FieldPath = "HostConfig.Privileged", Remediation = "drop it", References = new References(), Policy = "p" }],
            PolicyVersion = new PolicyVersion("sha256:00", "00"),
        },
        TimeSpan.FromMilliseconds(1));
}
