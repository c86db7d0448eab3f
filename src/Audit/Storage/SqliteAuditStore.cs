using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. WAL lets queries read while the
/// writer commits. <c>synchronous=FULL</c> (the default here) fsyncs the WAL at every commit, so a
/// committed batch survives power loss as well as a killed process; <c>NORMAL</c> survives a
/// killed process (the WAL is in the OS page cache) but may lose the last commits on power loss
/// (https://www.sqlite.org/pragma.html#pragma_synchronous). Group commit pays one fsync per batch.
/// </summary>
public sealed class SqliteAuditStore : SqlAuditStore
{
    public const string DefaultPath = "/var/lib/dockerguard/audit.db";
    private readonly string _connectionString;
    private readonly bool _fullSync;

    private readonly int _busyTimeoutMs;

    public SqliteAuditStore(string path, bool fullSync = true, TimeSpan? busyTimeout = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        _fullSync = fullSync;
        _busyTimeoutMs = (int)(busyTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }
    public override string Description => $"sqlite:{Path}";
    protected override string KeyType => "TEXT";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(_fullSync ? "FULL" : "NORMAL")}; PRAGMA busy_timeout={_busyTimeoutMs};", [], cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// SQLite is in-process, so there is no round trip to save: three prepared single-row statements
    /// reused for the whole batch are far faster than multi-row statements, whose thousands of
    /// named parameters Microsoft.Data.Sqlite binds one lookup at a time.
    /// </summary>
    protected override async Task InsertAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Records.DecisionRecord> records, CancellationToken ct)
    {
        await using var decision = Prepared(connection, tx, $"INSERT INTO decisions ({DecisionColumns}) VALUES (@0,@1,@2,@3,@4,@5,@6,@7,@8,@9,@10,@11) ON CONFLICT (id) DO NOTHING", 12);
        await using var rule = Prepared(connection, tx, "INSERT INTO decision_rules (rule, decision_id, action) VALUES (@0,@1,@2) ON CONFLICT DO NOTHING", 3);
        await using var image = Prepared(connection, tx, "INSERT INTO decision_images (image, decision_id) VALUES (@0,@1) ON CONFLICT DO NOTHING", 2);
        foreach (var record in records)
        {
            var (values, rules, images) = Rows(record);
            await Run(decision, values, ct);
            foreach (var (r, action) in rules) await Run(rule, [r, record.Id, action], ct);
            foreach (var i in images) await Run(image, [i, record.Id], ct);
        }
    }

    private static DbCommand Prepared(DbConnection connection, DbTransaction tx, string sql, int parameters)
    {
        var cmd = Command(connection, tx, sql, [.. Enumerable.Range(0, parameters).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object?)null))]);
        cmd.Prepare();
        return cmd;
    }

    private static Task<int> Run(DbCommand cmd, object?[] values, CancellationToken ct)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return cmd.ExecuteNonQueryAsync(ct);
    }

    // BeginTransaction in Microsoft.Data.Sqlite is BEGIN IMMEDIATE: it already holds the write lock.
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;
}
