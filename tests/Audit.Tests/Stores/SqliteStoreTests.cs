using DockerGuard.Audit.Storage;
using DockerGuard.Audit.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Tests.Stores;

public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly TempDir _dir = new();

    protected override IAuditStore OpenStore() => AuditStoreFactory.Open("sqlite:" + _dir.File("sub/audit.db"));

    [Fact]
    public async Task Store_runs_in_wal_mode_and_records_its_schema_version()
    {
        await using var store = OpenStore();
        await store.MigrateAsync();
        await using var conn = new SqliteConnection($"Data Source={_dir.File("sub/audit.db")}");
        await conn.OpenAsync();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        (await cmd.ExecuteScalarAsync()).Should().Be("wal");
        cmd.CommandText = "SELECT MAX(version) FROM schema_migrations";
        (await cmd.ExecuteScalarAsync()).Should().Be((long)Schema.Latest);
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'";
        (await cmd.ExecuteScalarAsync()).Should().Be(7L);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
