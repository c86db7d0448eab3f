using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace DockerGuard.Cli.Tests;

/// <summary>
/// <c>dockerguard webhook serve --self-signed</c>, the README's one command, run in-process on a
/// free loopback port: it must print the CA bundle, listen, answer a captured review over HTTPS
/// trusting only that CA, and stop cleanly when cancelled (as on SIGTERM).
/// </summary>
public class WebhookServeCommandTests
{
    [Fact]
    public async Task Self_signed_serve_answers_a_captured_review_and_stops_on_cancel()
    {
        using var state = new TempTree();
        using var stop = new CancellationTokenSource();
        var (run, output, port) = await ServeAsync(state.Path, stop.Token);
        output.Text.Should().Contain($"self-signed CA bundle: {Path.Combine(state.Path, "ca.crt")}");

        var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(state.Path, "ca.crt")));
        using var handler = new SocketsHttpHandler
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
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}") };
        (await client.GetStringAsync("/healthz")).Should().StartWith("ok");
        var review = await File.ReadAllBytesAsync(Repository.PathOf("tests/Admission.Tests/Fixtures/pod-create-privileged.admissionreview.json"));
        using var response = await client.PostAsync("/validate", new ByteArrayContent(review) { Headers = { ContentType = new("application/json") } });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        answer.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean().Should().BeFalse();
        answer.RootElement.GetProperty("response").GetProperty("status").GetProperty("message").GetString().Should().Contain("privileged");

        await stop.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
    }

    [Fact]
    public async Task An_edited_policy_dir_is_reloaded_without_a_restart()
    {
        using var state = new TempTree();
        var policies = Path.Combine(state.Path, "policies");
        Directory.CreateDirectory(policies);
        var policyFile = Path.Combine(policies, "cis-runtime.yaml");
        File.Copy(Repository.PathOf("policies/cis-runtime.yaml"), policyFile);
        using var stop = new CancellationTokenSource();
        var (run, output, port) = await ServeAsync(state.Path, stop.Token, "--policy-dir", policies);
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }; // trust is the other test's subject
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
        var review = await File.ReadAllBytesAsync(Repository.PathOf("tests/Admission.Tests/Fixtures/pod-create-privileged.admissionreview.json"));
        async Task<bool> Allowed()
        {
            using var response = await client.PostAsync("/validate", new ByteArrayContent(review) { Headers = { ContentType = new("application/json") } });
            using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            return answer.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean();
        }

        (await Allowed()).Should().BeFalse();
        var text = File.ReadAllText(policyFile);
        var warned = text.Replace("privileged:               {action: deny}", "privileged:               {action: warn}", StringComparison.Ordinal);
        warned.Should().NotBe(text, "the shipped policy lists the rule in this form");
        File.WriteAllText(policyFile, warned);
        for (var i = 0; i < 300 && !output.Text.Contains("reloaded", StringComparison.Ordinal); i++) await Task.Delay(100);
        output.Text.Should().Contain("reloaded");
        (await Allowed()).Should().BeTrue("privileged is now warn-level");

        await stop.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
    }

    /// <summary>Runs <c>webhook serve --self-signed</c> on a free loopback port; returns the run, its output and the port.</summary>
    private static async Task<(Task<int> Run, SignallingWriter Output, int Port)> ServeAsync(string stateDir, CancellationToken stop, params string[] more)
    {
        var output = new SignallingWriter("listening on ");
        var run = CliApp.RunAsync(
            ["webhook", "serve", "--self-signed", "--state-dir", stateDir, "--address", "127.0.0.1", "--port", "0", .. more],
            new CliContext(output, new StringWriter()), stop);
        var line = await output.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        var port = new Uri(line[(line.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Split(' ')[0]).Port;
        return (run, output, port);
    }

    /// <summary>Captures output and completes <see cref="Seen"/> with the first line containing a marker.</summary>
    private sealed class SignallingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource<string> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();

        public Task<string> Seen => _seen.Task;

        public string Text
        {
            get
            {
                lock (_gate) return ToString();
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate) base.WriteLine(value);
            if (value is not null && value.Contains(marker, StringComparison.Ordinal)) _seen.TrySetResult(value);
        }
    }
}
