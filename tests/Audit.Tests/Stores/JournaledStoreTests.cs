using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;
using DockerGuard.Audit.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Tests.Stores;

/// <summary>
/// The SQLite store's pending journal, on real files and a real SQLite database: writes land in the journal
/// and reach the database through the indexer; a journal left by a killed owner is indexed by the next one.
/// (The store contract, the crash test and the failure-mode tests run through it too.)
/// </summary>
public sealed class JournaledStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private string Db => _dir.File("audit.db");
    private string Journal => Db + "-pending.jsonl";

    private static DecisionRecord Record(string user) =>
        DecisionRecordFactory.Create(Entries.Denied(user: user), DecisionId.New(DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, "node-1");

    [Fact]
    public async Task Writes_are_appended_to_the_journal_and_indexed_in_the_background()
    {
        await using var store = AuditStoreFactory.Open("sqlite:" + Db);
        store.Should().BeOfType<JournaledAuditStore>();
        await store.MigrateAsync();
        await store.WriteAsync([Record("first")], []); // the first write goes straight to the database (and takes the journal)
        var later = Record("second");
        await store.WriteAsync([later], [new Completion(later.Id, 201, "c0ffee")]);
        File.ReadAllText(Journal).Should().Contain(later.Id, "an answered write is in the journal before it returns");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await SqliteFile.DecisionsIn(Db) < 2 && DateTime.UtcNow < deadline) await Task.Delay(10);
        (await SqliteFile.DecisionsIn(Db)).Should().Be(2, "the indexer moves the journal into the database without being asked");
        var stored = await store.QueryAsync(new AuditQuery { User = "second" });
        stored.Should().ContainSingle().Which.ResponseStatus.Should().Be(201);
    }

    [Fact]
    public async Task Sparse_writes_share_an_index_transaction_instead_of_one_each()
    {
        await using var store = (JournaledAuditStore)AuditStoreFactory.Open("sqlite:" + Db);
        await store.MigrateAsync();
        await store.WriteAsync([Record("first")], []); // straight to the database; the journal and its indexer start
        var before = store.IndexPasses;
        for (var i = 0; i < 3; i++)
        {
            await store.WriteAsync([Record($"sparse-{i}")], []);
            await Task.Delay(40); // twice the old fixed 20 ms gather, well inside the 250 ms one
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await SqliteFile.DecisionsIn(Db) < 4 && DateTime.UtcNow < deadline) await Task.Delay(10);
        (await SqliteFile.DecisionsIn(Db)).Should().Be(4);
        (store.IndexPasses - before).Should().BeLessThan(3, "records far smaller than a batch gather for up to 250 ms instead of a transaction each");
    }

    [Fact]
    public async Task A_journal_left_by_a_killed_owner_is_indexed_by_the_next_and_a_torn_last_line_is_dropped()
    {
        var kept = Record("kept");
        await using (var first = AuditStoreFactory.Open("sqlite:" + Db)) await first.MigrateAsync();
        // What a killed owner leaves: a complete line (answered) and a line its write did not finish (never answered).
        var line = System.Text.Json.JsonSerializer.Serialize(new SpillLine(kept, null), RecordJson.Default.SpillLine);
        File.WriteAllText(Journal, line + "\n" + line[..40]);

        await using var next = AuditStoreFactory.Open("sqlite:" + Db);
        (await next.QueryAsync(new AuditQuery())).Select(r => r.Id).Should().Equal(kept.Id);
        var appended = Record("appended");
        await next.WriteAsync([appended], []);
        (await next.QueryAsync(new AuditQuery())).Select(r => r.User).Should().Equal("appended", "kept");
        File.Exists(Journal + ".rejected").Should().BeFalse("the torn line was cut off before anything was appended after it");
    }

    [Fact]
    public async Task A_second_store_on_the_same_database_writes_directly_while_the_first_owns_the_journal()
    {
        await using var owner = AuditStoreFactory.Open("sqlite:" + Db);
        await owner.MigrateAsync();
        await owner.WriteAsync([Record("owner-1")], []);
        await owner.WriteAsync([Record("owner-2")], []);
        await using var other = AuditStoreFactory.Open("sqlite:" + Db);
        await other.WriteAsync([Record("other")], []);
        (await SqliteFile.DecisionsIn(Db)).Should().BeGreaterThanOrEqualTo(2, "the second store's write is in the database when it returns");
        (await owner.QueryAsync(new AuditQuery())).Select(r => r.User).Should().BeEquivalentTo("owner-1", "owner-2", "other");
    }

    [Fact]
    public async Task A_reader_that_indexes_a_left_journal_gives_it_up_for_the_next_writer()
    {
        var kept = Record("kept");
        await using (var first = AuditStoreFactory.Open("sqlite:" + Db)) await first.MigrateAsync();
        File.WriteAllText(Journal, System.Text.Json.JsonSerializer.Serialize(new SpillLine(kept, null), RecordJson.Default.SpillLine) + "\n");

        await using var reader = AuditStoreFactory.Open("sqlite:" + Db); // `dockerguard audit query` while no server runs
        (await reader.CountAsync()).Should().Be(1);
        new FileInfo(Journal).Length.Should().Be(0, "what the reader indexed is emptied from the journal");

        await using var writer = AuditStoreFactory.Open("sqlite:" + Db); // the server starting afterwards
        await writer.WriteAsync([Record("w1")], []);
        var second = Record("w2");
        await writer.WriteAsync([second], []);
        File.ReadAllText(Journal).Should().Contain(second.Id, "the reader gave the journal up, so the writer owns it");
        (await reader.CountAsync()).Should().BeGreaterThanOrEqualTo(2, "the reader reads the database while the writer owns the journal");
    }

    [Fact]
    public async Task A_damaged_line_is_kept_aside_and_the_lines_around_it_are_indexed()
    {
        var (before, after) = (Record("before"), Record("after"));
        await using (var first = AuditStoreFactory.Open("sqlite:" + Db)) await first.MigrateAsync();
        string Line(DecisionRecord r) => System.Text.Json.JsonSerializer.Serialize(new SpillLine(r, null), RecordJson.Default.SpillLine);
        File.WriteAllText(Journal, Line(before) + "\n{\"record\": damaged\n" + Line(after) + "\n");

        await using var store = AuditStoreFactory.Open("sqlite:" + Db);
        (await store.QueryAsync(new AuditQuery())).Select(r => r.User).Should().Equal("after", "before");
        File.ReadAllText(Journal + ".rejected").Should().Contain("{\"record\": damaged").And.Contain("not a spill line");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(Journal + ".rejected").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "rejected lines are audit records too");
    }

    [Fact]
    public async Task Disposing_indexes_everything_and_empties_the_journal()
    {
        await using (var store = AuditStoreFactory.Open("sqlite:" + Db))
        {
            await store.MigrateAsync();
            for (var i = 0; i < 50; i++) await store.WriteAsync([Record($"u{i}")], []);
        }
        (await SqliteFile.DecisionsIn(Db)).Should().Be(50);
        new FileInfo(Journal).Length.Should().Be(0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
