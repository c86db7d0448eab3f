using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Query;
using DockerGuard.Cli.Audit;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// <c>dockerguard audit import</c>: moves a spill file (the OCI hook's audit trail on podman/CRI-O
/// hosts, or a fail-open server's) into the audit store, with the replay code the server runs.
/// </summary>
public sealed class AuditImportCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["audit", "import"];
    public string Summary => "move a spill file's decisions (OCI hook, fail-open) into the audit store";
    public string Usage => $"""
        dockerguard audit import [SPILL_FILE] [--lock-wait 30s] [--audit STORE | --state-dir DIR]
          SPILL_FILE         JSON lines the OCI hook (or a fail-open server) appended (default <state dir>/audit-spill.jsonl)
          --lock-wait T      how long to wait while another import or a server replays the same file (default 30s)
        {AuditStoreOption.Help}
          Safe while the hook keeps appending and safe to repeat: records are stored once by id. A SQLite
          store that does not exist yet is created. Lines that are not spill lines are kept, verbatim, in
          SPILL_FILE.rejected, reported with their line numbers, and make the exit code 1.
          example, from a systemd timer on a podman host:  dockerguard audit import
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var lockWaitText = a.Option("lock-wait", "30s");
        var connection = AuditStoreOption.Resolve(a);
        var stateDir = a.Option("state-dir") ?? AuditStoreOption.DefaultStateDir;
        a.RejectUnknown();
        if (a.Positionals.Count > 1) throw new CliUsageException($"unexpected argument '{a.Positionals[1]}'");
        var spill = a.Positionals.Count == 1 ? a.Positionals[0] : Path.Combine(stateDir, "audit-spill.jsonl");
        var now = DateTimeOffset.UtcNow;
        if (!TimeSpec.TryParse(lockWaitText, now, out var ago) || now - ago < TimeSpan.Zero)
            throw new CliUsageException($"--lock-wait '{lockWaitText}' is not a duration like 0s, 30s or 5m");

        return await AuditStoreErrors.WithStoreAsync(connection, context, "audit import", async store =>
        {
            SpillReplayResult result;
            try
            {
                result = await SpillReplay.ImportAsync(spill, store, now - ago, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is SpillLockedException or IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"dockerguard audit import: {e.Message}");
                return ExitCodes.BadInput;
            }
            Report(result, store.Description, context);
            return result.Rejected.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }, forWriting: true);
    }

    private static void Report(SpillReplayResult r, string store, CliContext context)
    {
        if (r.Lines == 0 && r.Rejected.Count == 0)
            context.Out.WriteLine($"nothing to import from {r.SpillPath}");
        else
            context.Out.WriteLine($"imported {r.Records} records and {r.Completions} completions from {r.SpillPath} into {store} (records already stored are skipped by id)");
        if (r.Rejected.Count == 0) return;
        foreach (var line in r.Rejected) context.Error.WriteLine($"dockerguard audit import: {line}");
        context.Error.WriteLine($"dockerguard audit import: {r.Rejected.Count} lines are not spill lines and were NOT imported; they are kept, verbatim, in {r.RejectedPath}: fix and import that file, or keep it as evidence");
    }
}
