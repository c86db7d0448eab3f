using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>SQLite made unavailable the way it happens in production: another process holds the write lock past the busy timeout.</summary>
public sealed class SqliteFailureModeTests : FailureModeContract
{
    private SqliteConnection? _locker;
    private SqliteTransaction? _lock;

    protected override string StoreConnection => "sqlite:" + Dir.File("audit.db");

    protected override async Task BreakStoreAsync()
    {
        _locker = new SqliteConnection($"Data Source={Dir.File("audit.db")};Pooling=false");
        await _locker.OpenAsync();
        _lock = _locker.BeginTransaction();
        using var cmd = _locker.CreateCommand();
        cmd.Transaction = _lock;
        cmd.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (-1, 'lock')";
        await cmd.ExecuteNonQueryAsync();
    }

    protected override async Task RepairStoreAsync()
    {
        if (_lock is not null) await _lock.RollbackAsync();
        if (_locker is not null) await _locker.DisposeAsync();
        _lock = null;
        _locker = null;
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        base.Dispose();
    }
}
