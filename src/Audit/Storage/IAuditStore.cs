using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// A durable home for decision records. Writes take a whole batch and commit it in one
/// transaction (group commit); a write returns only when the commit is durable. Writing a
/// record whose id is already stored is a no-op, so a spill file can be replayed twice safely.
/// </summary>
public interface IAuditStore : IAsyncDisposable
{
    /// <summary>Where the store lives, without credentials (for log lines and errors).</summary>
    string Description { get; }

    /// <summary>Creates or upgrades the schema; safe to call from many processes at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    Task WriteAsync(IReadOnlyList<DecisionRecord> records, IReadOnlyList<Completion> completions, CancellationToken cancellationToken = default);

    /// <summary>Newest first unless <see cref="AuditQuery.Ascending"/>.</summary>
    Task<IReadOnlyList<DecisionRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    Task<AuditStats> StatsAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes at most <paramref name="batch"/> of the oldest records that retention no longer keeps; returns how many.</summary>
    Task<int> TrimAsync(RetentionPolicy retention, DateTimeOffset now, int batch, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
