using DockerGuard.Audit.Configuration;

namespace DockerGuard.Cli.Serving;

/// <summary>The <c>--audit</c> store of a server command, turned into <see cref="AuditOptions"/>.</summary>
public static class AuditSetting
{
    /// <param name="store">--audit as given, or null for SQLite in the state directory.</param>
    public static AuditOptions Options(string? store, string stateDir, bool failOpen = false) => new()
    {
        Store = store ?? "sqlite:" + Path.Combine(stateDir, "audit.db"),
        SpillPath = Path.Combine(stateDir, "audit-spill.jsonl"),
        FailureMode = failOpen ? AuditFailureMode.FailOpen : AuditFailureMode.FailClosed,
    };
}
