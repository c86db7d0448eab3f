using System.Net;
using System.Security.Cryptography.X509Certificates;
using DockerGuard.Admission.Hosting;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Observability.Tests;

/// <summary>
/// The real webhook (Kestrel, TLS on loopback) with GET /metrics on its HTTPS port, wired as
/// <c>dockerguard webhook serve</c> wires it: an AdmissionReview is decided, then Prometheus'
/// text format is scraped and the decision is in it.
/// </summary>
public sealed class WebhookMetricsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-metrics-").FullName;
    private DockerGuardTelemetry _telemetry = null!;
    private WebhookServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var files = SelfSignedCertificates.WriteTo(_dir, ["localhost"], TimeSpan.FromDays(1));
        _telemetry = DockerGuardTelemetry.Start(new TelemetryOptions { ServiceName = "dockerguard-webhook-test" });
        var options = new WebhookOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            CertFile = files.Cert,
            KeyFile = files.Key,
            MoreEndpoints = e => e.MapDockerGuardMetrics(_telemetry),
        };
        _server = await WebhookServer.StartAsync(options, new PolicyStore(CompiledPolicy.CatalogDefaults()), UnrecordedAudit.Instance);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(files.CaCert));
        _client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions =
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        })
        { BaseAddress = new Uri($"https://localhost:{_server.Address.Port}") };
    }

    [Fact]
    public async Task A_denied_pod_shows_in_the_scrape_on_the_https_port()
    {
        var before = Scrape.Sum(await ScrapeAsync(), "dockerguard_decisions_total", "surface=\"kubernetes\"", "decision=\"deny\"");

        var review = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pod-create-privileged.admissionreview.json"));
        var answer = await _client.PostAsync("/validate", new StringContent(review, System.Text.Encoding.UTF8, "application/json"));
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("\"allowed\":false");

        var text = await ScrapeAsync();
        Scrape.Sum(text, "dockerguard_decisions_total", "surface=\"kubernetes\"", "decision=\"deny\"").Should().Be(before + 1, text);
        Scrape.Sum(text, "dockerguard_violations_total", "rule=\"privileged\"", "action=\"deny\"").Should().BeGreaterThanOrEqualTo(1);
        Scrape.Sum(text, "dockerguard_decision_duration_seconds_count", "surface=\"kubernetes\"").Should().BeGreaterThanOrEqualTo(1);
        text.Should().Contain("# TYPE dockerguard_decision_duration_seconds histogram");
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await _client.GetAsync(MetricsEndpoint.Path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _telemetry.Dispose();
        Directory.Delete(_dir, true);
    }
}
