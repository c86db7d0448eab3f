using System.Globalization;
using System.Net;
using DockerGuard.Admission;
using DockerGuard.Admission.Hosting;
using DockerGuard.Admission.Review;
using DockerGuard.Audit;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Observability;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard webhook serve</c>: the Kubernetes validating admission webhook over HTTPS.</summary>
public sealed class WebhookServeCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["webhook", "serve"];
    public string Summary => "serve the Kubernetes validating admission webhook (HTTPS)";
    public string Usage => """
        dockerguard webhook serve (--tls-cert FILE --tls-key FILE | --self-signed [--state-dir DIR])
                                  [--address IP] [--port N] [--policy-dir DIR (reloaded on change)] [--controllers deny|warn]
                                  [--audit STORE]
          --tls-cert/--tls-key  PEM serving certificate and key; reloaded when the files change
          --self-signed         generate a CA and serving certificate into --state-dir (default: a temp dir)
                                and print the CA bundle path for clientConfig.caBundle
          --controllers         deny (default) or warn on violations in controllers' pod templates
          --audit               record every decision (sqlite:PATH or postgres://...) before answering;
                                fail closed: a decision that cannot be recorded is denied
          endpoints: POST /validate, GET /healthz, GET /readyz, GET /metrics (Prometheus)
          OpenTelemetry: decision spans and metrics go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args, "self-signed");
        var selfSigned = a.Flag("self-signed");
        var cert = a.Option("tls-cert");
        var key = a.Option("tls-key");
        var stateDir = a.Option("state-dir");
        var address = a.Option("address", "0.0.0.0");
        var port = a.Option("port", "8443");
        var policyDir = a.Option("policy-dir");
        var controllers = a.Option("controllers", "deny");
        var auditStore = a.Option("audit");
        a.RejectUnknown();

        if (!IPAddress.TryParse(address, out var ip)) throw new CliUsageException($"--address '{address}' is not an IP address");
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
            throw new CliUsageException($"--port '{port}' is not a port number");
        var mode = controllers switch
        {
            "deny" => ControllerMode.Deny,
            "warn" => ControllerMode.Warn,
            _ => throw new CliUsageException($"--controllers must be deny or warn, not '{controllers}'"),
        };
        if (selfSigned == (cert is not null || key is not null))
            throw new CliUsageException("give either --tls-cert and --tls-key, or --self-signed");
        if (!selfSigned && (cert is null || key is null)) throw new CliUsageException("--tls-cert and --tls-key go together");

        if (selfSigned)
        {
            var dir = stateDir ?? Path.Combine(Path.GetTempPath(), "dockerguard-webhook");
            var files = SelfSignedCertificates.WriteTo(dir, SelfSignedCertificates.ServiceNames("dockerguard", "dockerguard"), TimeSpan.FromDays(365));
            context.Out.WriteLine($"self-signed CA bundle: {files.CaCert}");
            context.Out.WriteLine($"  caBundle: $(base64 -w0 {files.CaCert})");
            (cert, key) = (files.Cert, files.Key);
        }

        using var telemetry = DockerGuardTelemetry.Start(new TelemetryOptions { ServiceName = "dockerguard-webhook" });
        using var served = WebhookPolicy.Load(policyDir, context.ServerLog("dockerguard webhook"));
        served.Watcher?.Observed();
        var policy = served.Store;
        var options = new WebhookOptions
        {
            Address = ip,
            Port = portNumber,
            CertFile = cert!,
            KeyFile = key!,
            ControllerMode = mode,
            MoreEndpoints = endpoints => endpoints.MapDockerGuardMetrics(telemetry),
        };
        await using var audit = auditStore is null ? null : await DecisionAudit.StartAsync(new AuditOptions { Store = auditStore }, cancellationToken: cancellationToken);
        if (audit is null) context.Error.WriteLine("dockerguard webhook: no --audit store given; decisions are not recorded");
        await using var server = await WebhookServer.StartAsync(options, policy, (IDecisionAudit?)audit ?? UnrecordedAudit.Instance, cancellationToken);
        context.Out.WriteLine($"dockerguard webhook listening on {server.Address} (POST /validate, GET /metrics, policy {policy.Current.Version.Short}, controllers: {controllers})");
        context.Out.Flush();

        using var signal = new Serving.ShutdownSignal(cancellationToken);
        await signal.WaitAsync();
        await server.StopAsync();
        return ExitCodes.Ok;
    }
}
