using DockerGuard.Audit.Query;
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
        (await cmd.ExecuteScalarAsync()).Should().Be(5L, "version 2 drops the child tables' decision_id indexes");
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'decision%' AND sql LIKE '%WITHOUT ROWID%'";
        (await cmd.ExecuteScalarAsync()).Should().Be(3L);
    }

    [Fact]
    public async Task A_version_1_store_migrates_with_every_row_and_query_intact()
    {
        var path = _dir.File("old/audit.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var conn = new SqliteConnection($"Data Source={path}"))
        {
            await conn.OpenAsync();
            using var cmd = conn.CreateCommand();
            foreach (var sql in new[] { Schema.MigrationsTable }.Concat(Schema.Migrations[0].Statements))
            {
                cmd.CommandText = sql.Replace("{key}", "TEXT", StringComparison.Ordinal);
                await cmd.ExecuteNonQueryAsync();
            }
            cmd.CommandText = "INSERT INTO schema_migrations VALUES (1, '2026-11-01T00:00:00Z')";
            await cmd.ExecuteNonQueryAsync();
        }
        var t0 = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 300).Select(i => DecisionRecordFactory.Create(
            i % 3 == 0 ? Entries.Denied("nginx:1.27", "alice", "team-a", "privileged") : Entries.Denied("redis:7", "bob", "team-b", "host-network"),
            DecisionId.New(t0.AddSeconds(i)), t0.AddSeconds(i), "node-1")).ToList();
        await using (var old = AuditStoreFactory.Open("sqlite:" + path))
            await old.WriteAsync(records, [new Completion(records[5].Id, 201, "c0ffee")]); // the version 1 tables: no MigrateAsync yet

        await using var store = AuditStoreFactory.Open("sqlite:" + path);
        await store.MigrateAsync();
        (await store.CountAsync()).Should().Be(300);
        (await store.QueryAsync(new AuditQuery { Rule = "privileged" })).Should().HaveCount(100);
        (await store.QueryAsync(new AuditQuery { Image = "redis" })).Should().HaveCount(200);
        (await store.QueryAsync(new AuditQuery { User = "alice", Limit = 1 })).Single().Id.Should().Be(records[297].Id);
        (await store.QueryAsync(new AuditQuery { AfterId = records[4].Id, Ascending = true, Limit = 1 })).Single().Should().BeEquivalentTo(records[5] with { ResponseStatus = 201, CreatedContainerId = "c0ffee" });
        (await store.StatsAsync(new AuditQuery())).DenialsByRule.Should().Equal(new StatRow("host-network", 200), new StatRow("privileged", 100));
        await using var check = new SqliteConnection($"Data Source={path}");
        await check.OpenAsync();
        using var c = check.CreateCommand();
        c.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%_v2' OR name = 'ix_decision_rules_id'";
        (await c.ExecuteScalarAsync()).Should().Be(0L);
    }

    [Fact]
    public async Task Retention_deletes_the_child_rows_of_trimmed_records()
    {
        var path = _dir.File("trim/audit.db");
        var t0 = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        await using var store = AuditStoreFactory.Open("sqlite:" + path);
        await store.MigrateAsync();
        await store.WriteAsync([.. Enumerable.Range(0, 50).Select(i => DecisionRecordFactory.Create(
            Entries.Denied(i % 2 == 0 ? "nginx:1.27" : "redis:7", "alice", null, i % 5 == 0 ? "privileged" : "host-pid"),
            DecisionId.New(t0.AddSeconds(i)), t0.AddSeconds(i), "node-1"))], []);
        (await store.TrimAsync(new RetentionPolicy(MaxRecords: 10), t0, batch: 1000)).Should().Be(40);
        await using var check = new SqliteConnection($"Data Source={path}");
        await check.OpenAsync();
        using var c = check.CreateCommand();
        c.CommandText = "SELECT (SELECT COUNT(*) FROM decision_rules) || ',' || (SELECT COUNT(*) FROM decision_images) || ',' || " +
            "(SELECT COUNT(*) FROM decision_rules WHERE decision_id NOT IN (SELECT id FROM decisions)) || ',' || (SELECT COUNT(*) FROM decision_images WHERE decision_id NOT IN (SELECT id FROM decisions))";
        (await c.ExecuteScalarAsync()).Should().Be("10,10,0,0");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
