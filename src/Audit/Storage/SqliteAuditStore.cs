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

    // BeginTransaction in Microsoft.Data.Sqlite is BEGIN IMMEDIATE: it already holds the write lock.
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;
}
