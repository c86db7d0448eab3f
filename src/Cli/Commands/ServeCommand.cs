using System.Net;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.Cli.Audit;
using DockerGuard.Cli.Serving;
using DockerGuard.Observability;
using Microsoft.Extensions.Logging;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// <c>dockerguard serve</c>: the Docker authorization plugin. dockerd started with
/// <c>--authorization-plugin=dockerguard</c> (or daemon.json <c>authorization-plugins</c>) dials
/// /run/docker/plugins/dockerguard.sock for every API call; this answers from the policy, records
/// each decision, reloads the policy when its files change and stops cleanly on SIGTERM.
/// </summary>
public sealed class ServeCommand : ICliCommand
{
    public const string DefaultStateDir = "/var/lib/dockerguard";
    /// <summary>PluginOptions.DefaultSocketPath, repeated because that type is Linux-only and this text is shown everywhere (a test keeps them equal).</summary>
    public const string DefaultSocket = "/run/docker/plugins/dockerguard.sock";

    public IReadOnlyList<string> Words { get; } = ["serve"];
    public string Summary => "serve the Docker authorization plugin on its unix socket";
    public string Usage => $"""
        dockerguard serve [--socket PATH] [--policy-dir DIR] [--state-dir DIR] [--on-error deny|error]
                          [--metrics-address IP:PORT] [audit options]
          --socket         plugin socket (default {DefaultSocket}; its base name is the
                           plugin name dockerd is given); created mode 0600. Under systemd socket
                           activation (LISTEN_FDS) the passed socket is used instead
          --policy-dir     policy files, reloaded when they change (default {ServedPolicy.DefaultDirectory};
                           when that does not exist, the built-in {ServedPolicy.EmbeddedName})
          --on-error       deny (default): an internal error denies with a message naming DockerGuard;
                           error: answer with a plugin error (dockerd refuses with a 500)
          --state-dir      audit database and spill file (default {DefaultStateDir})
          --metrics-address  serve GET /metrics (Prometheus) over plain HTTP there, e.g. 127.0.0.1:9464
                           (off by default; no auth, so keep it on loopback or a trusted network).
                           Decision spans and metrics go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
        {AuditServeOptions.Help}
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args, AuditServeOptions.Flags);
        var socket = a.Option("socket", DefaultSocket);
        var policyDir = a.Option("policy-dir");
        var stateDir = a.Option("state-dir", DefaultStateDir);
        var onError = a.Option("on-error", "deny");
        var metricsAddress = a.Option("metrics-address");
        var auditOptions = AuditServeOptions.Read(a, stateDir);
        a.RejectUnknown();

        if (onError is not ("deny" or "error")) throw new CliUsageException($"--on-error must be deny or error, not '{onError}'");
        if (!socket.StartsWith('/')) throw new CliUsageException($"--socket '{socket}' must be an absolute path");
        IPEndPoint? metrics = null;
        if (metricsAddress is not null && !MetricsListener.TryParseAddress(metricsAddress, out metrics))
            throw new CliUsageException($"--metrics-address '{metricsAddress}' is not IP:PORT");
        if (!OperatingSystem.IsLinux()) throw new CliUsageException("serve runs on Linux only: Docker authorization plugins are unix sockets under /run/docker/plugins");
        return await ServeAsync(socket, policyDir, stateDir, auditOptions, onError == "error" ? FailureMode.Error : FailureMode.Deny, metrics, context, cancellationToken);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<int> ServeAsync(string socket, string? policyDir, string stateDir, AuditOptions auditOptions, FailureMode failureMode,
        IPEndPoint? metricsEndpoint, CliContext context, CancellationToken cancellationToken)
    {
        InlineSocketCompletions.Enable(); // before any socket is opened (the audit store's too)
        var Log = context.ServerLog("dockerguard serve");
        using var signal = new ShutdownSignal(cancellationToken);
        using var telemetry = DockerGuardTelemetry.Start(new TelemetryOptions { ServiceName = "dockerguard-plugin" });
        using var policy = ServedPolicy.Open(policyDir, ServedPolicy.DefaultDirectory, Log);
        policy.Watcher?.Observed();
        if (policy.IsEmbedded)
            Log($"WARNING: no policy directory {ServedPolicy.DefaultDirectory}; enforcing the built-in {ServedPolicy.EmbeddedName}. " +
                $"Copy policies/ there (or pass --policy-dir) to change what is enforced");

        if (!Directory.Exists(stateDir)) Directory.CreateDirectory(stateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var audit = await DecisionAudit.StartAsync(auditOptions, cancellationToken: signal.Token);

        var options = new PluginOptions { SocketPath = socket, FailureMode = failureMode };
        await using var server = await PluginServer.StartAsync(policy.Store, audit, options, logging =>
        {
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; o.UseUtcTimestamp = true; });
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        }, signal.Token);

        await using var metrics = metricsEndpoint is null ? null : await MetricsListener.StartAsync(metricsEndpoint, telemetry, signal.Token);
        if (metrics is not null) Log($"metrics on {metrics.Address}metrics");

        var listening = server.SocketActivated ? "the socket systemd passed (LISTEN_FDS)" : $"{socket} (mode 0600)";
        Log($"listening on {listening} as plugin '{Path.GetFileNameWithoutExtension(socket)}'; " +
            $"policy {policy.Store.Current.Version.Short} from {policy.Source}; audit {audit.Store.Description} (fail {(auditOptions.FailureMode == AuditFailureMode.FailOpen ? "open" : "closed")})");

        await server.WaitForShutdownAsync(signal.Token);
        Log("stopping");
        return ExitCodes.Ok;
    }
}
