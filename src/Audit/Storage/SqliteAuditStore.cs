using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. WAL lets queries read while the
/// writer commits. <c>synchronous=NORMAL</c> (the default) makes a commit durable against a killed
/// or crashed process (the WAL is in the OS page cache before the commit returns) but an OS crash
/// or power cut may lose the last commits; <c>FULL</c> fsyncs the WAL at every commit, which also
/// survives power loss (https://www.sqlite.org/pragma.html#pragma_synchronous). Group commit pays
/// one fsync per batch. Checkpoints run beside the writer (<see cref="SqliteCheckpointer"/>), never in a commit.
/// </summary>
public sealed class SqliteAuditStore : SqlAuditStore
{
    public const string DefaultPath = "/var/lib/dockerguard/audit.db";
    // The writer's page cache: the (column, id) indexes take inserts all over their key range, and a
    // cache miss is a pread of a page that was written a moment ago. 16 MB holds their hot pages.
    private const int WriterCacheKib = 16 * 1024;
    private static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromMilliseconds(250);
    private readonly TimeSpan _checkpointInterval;
    private readonly string _connectionString;
    private readonly bool _fullSync;
    private readonly int _busyTimeoutMs;
    private readonly long _walRestartBytes;
    private readonly Lock _checkpointerGate = new();
    private SqliteCheckpointer? _checkpointer;
    private DbConnection? _statementsConnection;
    private (DbCommand Decision, DbCommand Rule, DbCommand Image)? _statements;

    public SqliteAuditStore(string path, bool fullSync = false, TimeSpan? busyTimeout = null)
        : this(path, fullSync, busyTimeout, SqliteCheckpointer.DefaultRestartBytes, DefaultCheckpointInterval)
    {
    }

    /// <param name="walRestartBytes">WAL size past which the writer restarts the WAL (tests use a small one).</param>
    /// <param name="checkpointInterval">Pause between background checkpoint rounds (tests take them out of the way).</param>
    internal SqliteAuditStore(string path, bool fullSync, TimeSpan? busyTimeout, long walRestartBytes, TimeSpan checkpointInterval)
    {
        _walRestartBytes = walRestartBytes;
        _checkpointInterval = checkpointInterval;
        Path = System.IO.Path.GetFullPath(path);
        _fullSync = fullSync;
        _busyTimeoutMs = (int)(busyTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        // DefaultTimeout bounds Microsoft.Data.Sqlite's own retries of a busy statement (not how long a query runs):
        // with the busy timeout, a write blocked by another writer fails after the store timeout, not 30 s.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_busyTimeoutMs / 1000.0)) }.ToString();
    }

    public string Path { get; }
    public override string Description => $"sqlite:{Path}";
    protected override string KeyType => "TEXT";

    protected override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<DbConnection>(Open(""));

    protected override Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = Open($"PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=-{WriterCacheKib}; PRAGMA journal_size_limit={_walRestartBytes};");
        lock (_checkpointerGate) _checkpointer ??= new SqliteCheckpointer(() => Open(""), Path, _checkpointInterval, _walRestartBytes);
        return Task.FromResult<DbConnection>(connection);
    }

    // Microsoft.Data.Sqlite's async methods run synchronously; the sync calls skip their Task overhead.
    private SqliteConnection Open(string extraPragmas)
    {
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            // wal_autocheckpoint is per connection: reset it, a pooled connection may have been the writer.
            cmd.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(_fullSync ? "FULL" : "NORMAL")}; PRAGMA busy_timeout={_busyTimeoutMs}; " +
                "PRAGMA wal_autocheckpoint=1000; " + extraPragmas;
            cmd.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SQLite is in-process, so there is no round trip to save: three prepared single-row statements
    /// reused for the whole batch are far faster than multi-row statements, whose thousands of
    /// named parameters Microsoft.Data.Sqlite binds one lookup at a time. Synchronous calls: this is
    /// the dedicated commit loop, and the async ones would only wrap them.
    /// </summary>
    protected override Task InsertAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Records.DecisionRecord> records, CancellationToken ct)
    {
        var (decision, rule, image) = StatementsFor(connection, tx);
        foreach (var record in records)
        {
            ct.ThrowIfCancellationRequested();
            var (values, rules, images) = Rows(record);
            Run(decision, values);
            foreach (var (r, action) in rules) Run(rule, r, record.Id, action);
            foreach (var i in images) Run(image, i, record.Id);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The insert statements, prepared once per writer connection: at a few records a commit,
    /// preparing them for every batch cost more than the inserts.
    /// </summary>
    private (DbCommand Decision, DbCommand Rule, DbCommand Image) StatementsFor(DbConnection connection, DbTransaction tx)
    {
        if (!ReferenceEquals(_statementsConnection, connection) || _statements is null)
        {
            DisposeStatements();
            _statements = (
                Prepared(connection, $"INSERT INTO decisions ({DecisionColumns}) VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING", 12),
                Prepared(connection, "INSERT INTO decision_rules (rule, decision_id, action) VALUES ($0,$1,$2) ON CONFLICT DO NOTHING", 3),
                Prepared(connection, "INSERT INTO decision_images (image, decision_id) VALUES ($0,$1) ON CONFLICT DO NOTHING", 2));
            _statementsConnection = connection;
        }
        var s = _statements.Value;
        s.Decision.Transaction = s.Rule.Transaction = s.Image.Transaction = tx;
        return s;
    }

    private void DisposeStatements()
    {
        if (_statements is { } s)
        {
            s.Decision.Dispose();
            s.Rule.Dispose();
            s.Image.Dispose();
        }
        _statements = null;
        _statementsConnection = null;
    }

    private static DbCommand Prepared(DbConnection connection, string sql, int parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "$" + i.ToString(CultureInfo.InvariantCulture);
            cmd.Parameters.Add(p);
        }
        cmd.Prepare();
        return cmd;
    }

    private static void Run(DbCommand cmd, params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// A writer with no pause between commits never lets a PASSIVE checkpoint finish, so the WAL would
    /// grow without end: past <see cref="SqliteCheckpointer.DefaultRestartBytes"/> (256 MB) the writer restarts it
    /// itself, between two batches, just after a background pass (<see cref="SqliteCheckpointer.ShouldRestart"/>),
    /// so this commit loop pays only for what was committed during that pass (once per 256 MB of WAL,
    /// under sustained load only).
    /// </summary>
    protected override void AfterCommit(DbConnection writer)
    {
        if (_checkpointer?.ShouldRestart() == true) SqliteCheckpointer.Checkpoint((SqliteConnection)writer, "RESTART");
    }

    // BeginTransaction in Microsoft.Data.Sqlite is BEGIN IMMEDIATE: it already holds the write lock.
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        SqliteCheckpointer? checkpointer;
        lock (_checkpointerGate) (checkpointer, _checkpointer) = (_checkpointer, null);
        if (checkpointer is not null) await checkpointer.DisposeAsync();
        DisposeStatements();
        await base.DisposeAsync();
    }
}
