using System.Data.Common;
using DockerGuard.Audit.Records;
using Npgsql;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// One PostgreSQL database shared by a fleet: every host writes its own records (ids never
/// collide, see <see cref="Records.DecisionId"/>) and queries see all hosts. A commit returns once
/// PostgreSQL has flushed its WAL (synchronous_commit=on, the server default; the store sets it
/// per session so a server-wide "off" cannot make answered decisions losable).
/// </summary>
public sealed class PostgresAuditStore : SqlAuditStore
{
    // Any constant shared by all DockerGuard processes: pg_advisory_xact_lock serialises migrations across hosts.
    private const long MigrationLockKey = 0x446f636b65724775;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresAuditStore(string connectionString, TimeSpan? timeout = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrEmpty(builder.Options) ? "-c synchronous_commit=on" : builder.Options + " -c synchronous_commit=on";
        // The insert statements' text never changes (PostgresColumns): prepared once per connection, not planned per batch.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 16;
        if (timeout is { } t)
        {
            builder.Timeout = Math.Max(1, (int)t.TotalSeconds);
            builder.CommandTimeout = Math.Max(1, (int)t.TotalSeconds);
        }
        Description = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Description { get; }
    protected override string KeyType => "TEXT COLLATE \"C\"";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// A batch as three statements sent together (one round trip, in the transaction), each inserting
    /// from arrays with <c>unnest</c>: a dozen parameters whatever the batch size, no SQL text built per
    /// row, and <c>ON CONFLICT DO NOTHING</c> keeps replays idempotent (COPY would not).
    /// </summary>
    protected override async Task InsertAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var columns = new PostgresColumns(records.Count);
        foreach (var record in records) columns.Add(record, Rows(record));
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)tx);
        batch.BatchCommands.Add(columns.DecisionsInsert(DecisionColumns));
        if (columns.HasRules) batch.BatchCommands.Add(columns.RulesInsert());
        if (columns.HasImages) batch.BatchCommands.Add(columns.ImagesInsert());
        await batch.ExecuteNonQueryAsync(ct);
    }

    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@k)", [("k", MigrationLockKey)], cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
