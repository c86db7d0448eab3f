using DockerGuard.Audit.Pipeline;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.Cli.Serving;
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
        dockerguard serve [--socket PATH] [--policy-dir DIR] [--state-dir DIR] [--audit STORE]
                          [--audit-failure closed|open] [--on-error deny|error]
          --socket         plugin socket (default {DefaultSocket}; its base name is the
                           plugin name dockerd is given); created mode 0600. Under systemd socket
                           activation (LISTEN_FDS) the passed socket is used instead
          --policy-dir     policy files, reloaded when they change (default {ServedPolicy.DefaultDirectory};
                           when that does not exist, the built-in {ServedPolicy.EmbeddedName})
          --state-dir      audit database and spill file (default {DefaultStateDir})
          --audit          sqlite:PATH or postgres://user@host/db (default sqlite:<state-dir>/audit.db)
          --audit-failure  closed (default): a decision that cannot be recorded is denied;
                           open: it is spilled to <state-dir>/audit-spill.jsonl and stands
          --on-error       deny (default): an internal error denies with a message naming DockerGuard;
                           error: answer with a plugin error (dockerd refuses with a 500)
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var socket = a.Option("socket", DefaultSocket);
        var policyDir = a.Option("policy-dir");
        var stateDir = a.Option("state-dir", DefaultStateDir);
        var auditStore = a.Option("audit");
        var auditFailure = a.Option("audit-failure", "closed");
        var onError = a.Option("on-error", "deny");
        a.RejectUnknown();

        if (auditFailure is not ("closed" or "open")) throw new CliUsageException($"--audit-failure must be closed or open, not '{auditFailure}'");
        if (onError is not ("deny" or "error")) throw new CliUsageException($"--on-error must be deny or error, not '{onError}'");
        if (!socket.StartsWith('/')) throw new CliUsageException($"--socket '{socket}' must be an absolute path");
        if (!OperatingSystem.IsLinux()) throw new CliUsageException("serve runs on Linux only: Docker authorization plugins are unix sockets under /run/docker/plugins");
        return await ServeAsync(socket, policyDir, stateDir, auditStore, auditFailure, onError == "error" ? FailureMode.Error : FailureMode.Deny, context, cancellationToken);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<int> ServeAsync(string socket, string? policyDir, string stateDir, string? auditStore, string auditFailure, FailureMode failureMode,
        CliContext context, CancellationToken cancellationToken)
    {

        void Log(string line)
        {
            lock (context.Out)
            {
                context.Out.WriteLine("dockerguard serve: " + line);
                context.Out.Flush();
            }
        }

        using var signal = new ShutdownSignal(cancellationToken);
        using var policy = ServedPolicy.Open(policyDir, ServedPolicy.DefaultDirectory, Log);
        if (policy.IsEmbedded)
            Log($"WARNING: no policy directory {ServedPolicy.DefaultDirectory}; enforcing the built-in {ServedPolicy.EmbeddedName}. " +
                $"Copy policies/ there (or pass --policy-dir) to change what is enforced");

        if (!Directory.Exists(stateDir)) Directory.CreateDirectory(stateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var auditOptions = AuditSetting.Options(auditStore, stateDir, auditFailure == "open");
        await using var audit = await DecisionAudit.StartAsync(auditOptions, cancellationToken: signal.Token);

        var options = new PluginOptions { SocketPath = socket, FailureMode = failureMode };
        await using var server = await PluginServer.StartAsync(policy.Store, audit, options, logging =>
        {
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; o.UseUtcTimestamp = true; });
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        }, signal.Token);

        var listening = server.SocketActivated ? "the socket systemd passed (LISTEN_FDS)" : $"{socket} (mode 0600)";
        Log($"listening on {listening} as plugin '{Path.GetFileNameWithoutExtension(socket)}'; " +
            $"policy {policy.Store.Current.Version.Short} from {policy.Source}; audit {audit.Store.Description} (fail {auditFailure})");

        await server.WaitForShutdownAsync(signal.Token);
        Log("stopping");
        return ExitCodes.Ok;
    }
}
