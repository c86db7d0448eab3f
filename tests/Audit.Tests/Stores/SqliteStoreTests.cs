using DockerGuard.Audit.Records;
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

    [Fact]
    public async Task A_writer_that_never_pauses_keeps_the_wal_near_its_restart_size()
    {
        // Under steady load the background PASSIVE checkpoints cannot finish between commits, so only the
        // writer's own restart bounds the WAL. They are taken out of the way here (on a busy test machine the
        // writer slows down enough for them to finish now and then); the same load against a limit it never
        // reaches shows that the load does grow the WAL past the bound asserted (the test could fail).
        const long limit = 1 << 20;
        var bounded = await LargestWalWhileWriting(_dir.File("bounded/audit.db"), limit);
        var unbounded = await LargestWalWhileWriting(_dir.File("unbounded/audit.db"), 1L << 30);
        unbounded.Should().BeGreaterThan(20 * limit, "the load must outgrow the bound for the check to mean anything");
        // Past twice the limit the writer restarts the WAL after the batch that crossed it; one batch of
        // 100 records with scattered keys writes ~1-2 MB of frames.
        bounded.Should().BeLessThanOrEqualTo(5 * limit);
    }

    private static async Task<long> LargestWalWhileWriting(string path, long walRestartBytes)
    {
        await using var store = new SqliteAuditStore(path, false, null, walRestartBytes, checkpointInterval: TimeSpan.FromHours(1));
        await store.MigrateAsync();
        var largest = 0L;
        for (var batch = 0; batch < 150; batch++)
        {
            var records = Enumerable.Range(0, 100).Select(i =>
                DecisionRecordFactory.Create(Entries.Denied($"registry.local/app-{i % 37}:1", $"user-{(batch * 100 + i) % 997}", $"ns-{i % 41}"),
                    DecisionId.New(DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, "node-1")).ToList();
            await store.WriteAsync(records, []);
            largest = Math.Max(largest, new FileInfo(path + "-wal").Length);
        }
        (await store.CountAsync()).Should().Be(15_000);
        return largest;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
