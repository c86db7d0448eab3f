using DockerGuard.Audit.Storage;

namespace DockerGuard.Audit.Configuration;

/// <summary>How the audit trail is kept. Defaults: SQLite at <see cref="SqliteAuditStore.DefaultPath"/>, fail closed, keep everything.</summary>
public sealed record AuditOptions
{
    /// <summary><c>sqlite:PATH</c>, a bare path, <c>postgres://user@host:port/db</c> (see <see cref="AuditStoreFactory"/>).</summary>
    public string Store { get; init; } = "sqlite:" + SqliteAuditStore.DefaultPath;
    public AuditFailureMode FailureMode { get; init; } = AuditFailureMode.FailClosed;
    /// <summary>JSON lines written (and fsync'd) while the store is unavailable in <see cref="AuditFailureMode.FailOpen"/>.</summary>
    public string SpillPath { get; init; } = "/var/lib/dockerguard/audit-spill.jsonl";
    /// <summary>Also record plain allows of read-only calls (docker ps, inspect).</summary>
    public bool RecordAll { get; init; }
    public RetentionPolicy Retention { get; init; } = RetentionPolicy.KeepAll;
    /// <summary>How often retention looks for work when it has none left over.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Rows per retention delete: small enough that a delete never holds writers up noticeably.</summary>
    public int RetentionBatch { get; init; } = 250;
    /// <summary>Host name written into every record.</summary>
    public string Host { get; init; } = Environment.MachineName;
    /// <summary>Most records committed in one transaction.</summary>
    public int MaxBatch { get; init; } = 8192;
    /// <summary>After a store failure, decisions go straight to the failure mode for this long before the store is tried again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How long one store operation may wait (SQLite busy timeout on a locked file, PostgreSQL connect and command timeout) before the store counts as unavailable.</summary>
    public TimeSpan StoreTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// SQLite <c>synchronous=FULL</c>: every commit is fsync'd and survives power loss. The default,
    /// NORMAL, commits to the OS page cache: a killed or crashed DockerGuard loses nothing answered,
    /// an OS crash or power cut may lose the last commits (docs/audit.md, "Durability").
    /// </summary>
    public bool SqliteFullSync { get; init; }
}

/// <summary>What happens to a decision when its record cannot be made durable in the store.</summary>
public enum AuditFailureMode
{
    /// <summary><see cref="IDecisionAudit.RecordAsync"/> throws <see cref="AuditUnavailableException"/>; surfaces deny.</summary>
    FailClosed,
    /// <summary>The record goes to a local fsync'd spill file, replayed into the store when it is back; the decision stands.</summary>
    FailOpen,
}
