using System.Net;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.Observability.Tests;

/// <summary>The stand-alone /metrics listener the unix-socket plugin uses (<c>--metrics-address</c>), scraped over real HTTP.</summary>
public sealed class MetricsListenerTests
{
    [Theory]
    [InlineData("9464", "127.0.0.1:9464")]
    [InlineData("127.0.0.1:9100", "127.0.0.1:9100")]
    [InlineData("[::1]:9100", "[::1]:9100")]
    [InlineData("0.0.0.0:9464", "0.0.0.0:9464")]
    public void Address_forms(string text, string expected)
    {
        MetricsListener.TryParseAddress(text, out var endpoint).Should().BeTrue();
        endpoint.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost:9464")]
    [InlineData("99999")]
    public void Bad_addresses_are_refused(string text) => MetricsListener.TryParseAddress(text, out _).Should().BeFalse();

    [Fact]
    public async Task Policy_reloads_and_failures_are_scraped_from_the_listener()
    {
        var dir = Directory.CreateTempSubdirectory("dg-reload-").FullName;
        try
        {
            using var telemetry = DockerGuardTelemetry.Start(new TelemetryOptions { ServiceName = "dockerguard-plugin-test" });
            await using var listener = await MetricsListener.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), telemetry);
            using var http = new HttpClient { BaseAddress = listener.Address };
            var before = await http.GetStringAsync("/metrics");

            using var watcher = new PolicyWatcher(dir, new PolicyStore(CompiledPolicy.CatalogDefaults())).Observed();
            File.WriteAllText(Path.Combine(dir, "p.yaml"), "apiVersion: dockerguard.io/v1\nkind: Policy\nmetadata: {name: t}\nspec:\n  rules:\n    privileged: {action: warn}\n");
            watcher.CheckNow()!.Plan.Should().NotBeNull("the policy is valid");
            File.WriteAllText(Path.Combine(dir, "p.yaml"), "apiVersion: dockerguard.io/v1\nkind: Policy\nspec: [not, a, policy\n");
            watcher.CheckNow()!.Plan.Should().BeNull("the policy is broken");

            var after = await http.GetStringAsync("/metrics");
            Reloads(after, "success").Should().Be(Reloads(before, "success") + 1, after);
            Reloads(after, "failure").Should().Be(Reloads(before, "failure") + 1, after);
            (await http.GetAsync("/validate")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the listener serves metrics only");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static double Reloads(string text, string result) => Scrape.Sum(text, "dockerguard_policy_reloads_total", $"result=\"{result}\"");

    [Fact]
    public void Telemetry_without_prometheus_refuses_a_metrics_endpoint()
    {
        using var telemetry = DockerGuardTelemetry.Start(new TelemetryOptions { ServiceName = "x", Prometheus = false });
        var act = () => Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder().Build().MapDockerGuardMetrics(telemetry);
        act.Should().Throw<InvalidOperationException>();
    }
}
