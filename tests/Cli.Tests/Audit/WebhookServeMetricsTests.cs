using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary>
/// <c>dockerguard webhook serve</c> as an operator runs it (no audit store): GET /metrics on its
/// HTTPS port answers in Prometheus' format, and a decided review shows in it.
/// </summary>
public sealed class WebhookServeMetricsTests
{
    [Fact]
    public async Task Webhook_serve_exposes_decision_metrics_on_its_https_port()
    {
        using var state = new TempTree();
        var port = FreePort();
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var serve = Task.Run(() => CliApp.RunAsync(
            ["webhook", "serve", "--self-signed", "--state-dir", state.Path, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new CliContext(synchronized, TextWriter.Synchronized(new StringWriter())), stop.Token));
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Printed(synchronized, output).Contains("listening", StringComparison.Ordinal))
            {
                if (serve.IsCompleted) throw new InvalidOperationException($"webhook serve ended early ({await serve}): {Printed(synchronized, output)}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("webhook serve did not start within 60 s");
                await Task.Delay(100);
            }
            var caFile = Regex.Match(Printed(synchronized, output), "self-signed CA bundle: (\\S+)").Groups[1].Value;
            using var client = Client(caFile, port);

            var review = await File.ReadAllTextAsync(Repository.PathOf("tests/Admission.Tests/Fixtures/pod-create-privileged.admissionreview.json"));
            (await client.PostAsync("/validate", new StringContent(review, System.Text.Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.OK);

            var metrics = await client.GetAsync("/metrics");
            metrics.StatusCode.Should().Be(HttpStatusCode.OK);
            var text = await metrics.Content.ReadAsStringAsync();
            text.Should().MatchRegex("dockerguard_decisions_total\\{[^}]*decision=\"deny\"[^}]*surface=\"kubernetes\"[^}]*\\} [1-9]");
            text.Should().Contain("dockerguard_violations_total{").And.Contain("rule=\"privileged\"");
        }
        finally
        {
            await stop.CancelAsync();
            (await serve).Should().Be(ExitCodes.Ok);
        }
    }

    private static string Printed(TextWriter synchronized, StringWriter output)
    {
        lock (synchronized) return output.ToString();
    }

    /// <summary>Trusts only the webhook's own CA; the serving certificate names the in-cluster Service, not 127.0.0.1, so only the name check is waived.</summary>
    private static HttpClient Client(string caFile, int port)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
                RemoteCertificateValidationCallback = (_, _, _, errors) => (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None,
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
