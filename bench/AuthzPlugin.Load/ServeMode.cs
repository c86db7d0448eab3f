using System.Runtime.InteropServices;
using DockerGuard.Audit;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// The plugin as <c>dockerguard serve</c> runs it, in a process of its own so its RSS is the server's
/// alone: the policy directory compiled by the policy loader, a real SQLite audit trail (default
/// durability synchronous=NORMAL as served; --audit full or off to take the audit apart), <see cref="PluginServer"/> on the socket. Prints "ready" once dockerd
/// could connect; stops on SIGTERM or when its stdin closes (the parent died).
/// </summary>
public static class ServeMode
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var socket = options.Socket ?? throw new ArgumentException("--serve needs --socket PATH");
        InlineSocketCompletions.Enable(); // as dockerguard serve does
        var auditDir = options.AuditDir ?? Path.GetDirectoryName(socket)!;
        var loaded = PolicyDirectory.Load(options.PolicyDir);
        if (loaded.Plan is null)
        {
            await Console.Error.WriteLineAsync($"policy directory '{options.PolicyDir}' does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, loaded.Errors)}");
            return 2;
        }
        await using var audit = options.Audit == "off" ? null : await DecisionAudit.StartAsync(new AuditOptions
        {
            Store = "sqlite:" + Path.Combine(auditDir, "audit.db"),
            SpillPath = Path.Combine(auditDir, "audit-spill.jsonl"),
            SqliteFullSync = options.Audit == "full",
        });
        await using var server = await PluginServer.StartAsync(new PolicyStore(loaded.Plan), (IDecisionAudit?)audit ?? new NoAudit(), new PluginOptions { SocketPath = socket });

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => { s.Cancel = true; stop.Cancel(); });
        Console.Out.WriteLine($"ready {Environment.ProcessId} policy {loaded.Plan.Version.Short} {GcSettings()}");
        Console.Out.Flush();
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync(stop.Token);
            await stop.CancelAsync();
        });
        await server.WaitForShutdownAsync(stop.Token);
        return 0;
    }

    /// <summary>The GC's own view of its settings (not what was asked for): proves a runtimeconfig or env setting took.</summary>
    private static string GcSettings()
    {
        var gc = GC.GetConfigurationVariables();
        return string.Join(' ', new[] { "ServerGC", "ConcurrentGC", "GCGen0MaxBudget", "GCHeapHardLimit", "GCConserveMem" }
            .Where(gc.ContainsKey).Select(k => $"{k}={gc[k]}"));
    }
}
