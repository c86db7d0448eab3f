using System.Diagnostics;
using System.Text;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Telemetry;
using DockerGuard.Audit.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>
/// No secret reaches the trail: every Docker fixture (create-plain carries SECRET_TOKEN=hunter2)
/// goes through the real pipeline into real SQLite and PostgreSQL, the spill file, the logs,
/// the exported JSON and the trace span, and the secret values are searched for in the bytes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecretTests(PostgresServer server) : IDisposable
{
    private readonly TempDir _dir = new();

    public static TheoryData<string> Fixtures => [.. DockerFixtureReader.All().Select(f => Path.GetFileName(f))];

    [Fact]
    public void The_plain_fixture_really_carries_the_secret()
    {
        var fixture = DockerFixtureReader.Read(Path.Combine(DockerFixtureReader.Directory, "create-plain.authzreq.json"));
        fixture.EnvValues.Should().Contain("hunter2");
        RecordJson.Serialize(DecisionRecordFactory.Create(fixture.Entry, "x", DateTimeOffset.UnixEpoch, "h")).Should().NotContain("hunter2")
            .And.Contain("SECRET_TOKEN=[REDACTED]", "the name survives, so the record still says which variable was involved");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task No_env_value_reaches_sqlite_postgres_spill_logs_export_or_traces(string name)
    {
        var fixture = DockerFixtureReader.Read(Path.Combine(DockerFixtureReader.Directory, name));
        var log = new CapturingLogger();
        // Other test classes run in parallel and their spans reach this process-wide listener too: a concurrent queue.
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DecisionTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var exported = new StringBuilder();
        foreach (var store in new[] { "sqlite:" + _dir.File("audit.db"), server.NewDatabaseUrl() })
        {
            await using var audit = new DecisionAudit(Storage.AuditStoreFactory.Open(store), new AuditOptions { SpillPath = _dir.File("spill.jsonl") }, log);
            var id = await audit.RecordAsync(fixture.Entry);
            await audit.CompleteAsync(id!, 201, "c0ffee");
            foreach (var r in await audit.Store.QueryAsync(new AuditQuery())) exported.AppendLine(RecordJson.Serialize(r));
        }
        // The spill path: the same entry written while the store is unreachable (a directory where the file should be).
        Directory.CreateDirectory(_dir.File("not-a-db"));
        await using (var failOpen = new DecisionAudit(Storage.AuditStoreFactory.Open("sqlite:" + _dir.File("not-a-db")),
            new AuditOptions { FailureMode = AuditFailureMode.FailOpen, SpillPath = _dir.File("spill.jsonl") }, log))
            await failOpen.RecordAsync(fixture.Entry);
        SqliteConnection.ClearAllPools();

        var places = new Dictionary<string, string>
        {
            ["sqlite files"] = string.Concat(Directory.EnumerateFiles(_dir.Path, "audit.db*").Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f)))),
            ["postgres rows"] = await PostgresRowsAsync(),
            // The replay loop may have moved the lines aside (".replay") when the store stayed down.
            ["spill file"] = string.Concat(new[] { "spill.jsonl", "spill.jsonl.replay" }.Select(_dir.File).Where(File.Exists).Select(File.ReadAllText)),
            ["logs"] = log.All,
            ["export"] = exported.ToString(),
            ["trace spans"] = string.Join('\n', spans.ToArray().SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={(t.Value is string[] a ? string.Join(',', a) : t.Value)}")),
        };
        places["export"].Should().Contain("\"decision\":\"deny\"", "the records were really written and read back");
        places["spill file"].Should().Contain("\"decision\":\"deny\"");
        places["logs"].Should().Contain("AUDIT STORE UNAVAILABLE", "the spill path was really taken");
        foreach (var secret in fixture.EnvValues)
            foreach (var (where, text) in places)
                text.Should().NotContain(secret, $"{name}: an env value must not reach the {where}");
    }

    private async Task<string> PostgresRowsAsync()
    {
        var text = new StringBuilder();
        await using var conn = new NpgsqlConnection(server.AdminConnectionString);
        await conn.OpenAsync();
        var databases = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')", conn))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) databases.Add(reader.GetString(0));
        foreach (var db in databases)
        {
            await using var c = new NpgsqlConnection(server.AdminConnectionString.Replace("Database=postgres", $"Database={db}", StringComparison.Ordinal));
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT d::text FROM decisions d UNION ALL SELECT r::text FROM decision_rules r UNION ALL SELECT i::text FROM decision_images i", c);
            try
            {
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) text.AppendLine(reader.GetString(0));
            }
            catch (PostgresException e) when (e.SqlState == "42P01") { /* a database of another test with no schema yet */ }
        }
        return text.ToString();
    }

    public void Dispose() => _dir.Dispose();
}
