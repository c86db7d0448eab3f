using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Tests.Support;
using DockerGuard.Policy.Catalog;
using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>DecisionAudit end to end on a real SQLite file: what is recorded, ids, completion, retention through the writer.</summary>
public sealed class RecordingTests : IDisposable
{
    private readonly TempDir _dir = new();

    private DecisionAudit Start(AuditOptions? options = null) =>
        new(Storage.AuditStoreFactory.Open("sqlite:" + _dir.File("audit.db")), (options ?? new AuditOptions()) with { SpillPath = _dir.File("spill.jsonl") }, new CapturingLogger());

    [Fact]
    public async Task Plain_allow_of_a_read_only_call_is_skipped_unless_recording_everything()
    {
        await using (var audit = Start())
        {
            (await audit.RecordAsync(Entries.ReadOnlyAllow())).Should().BeNull();
            var readOnlyWarn = Entries.ReadOnlyAllow() with { Decision = Entries.Allow(Entries.Violation("host-pid", RuleAction.Audit)) };
            (await audit.RecordAsync(readOnlyWarn)).Should().NotBeNull("an audit-action violation is not a plain allow");
            var allowedCreate = Entries.Denied() with { Decision = Entries.Allow() };
            (await audit.RecordAsync(allowedCreate)).Should().NotBeNull("an allowed create is not a read-only call");
            (await audit.Store.CountAsync()).Should().Be(2);
            // What a surface asks before calling (to skip the call): the same answers RecordAsync gave.
            new[] { Entries.ReadOnlyAllow(), readOnlyWarn, allowedCreate }.Select(e => audit.WouldRecord(e.Decision, e.ReadOnlyCall))
                .Should().Equal(false, true, true);
        }
        await using (var all = Start(new AuditOptions { RecordAll = true }))
        {
            all.WouldRecord(Entries.ReadOnlyAllow().Decision, readOnlyCall: true).Should().BeTrue();
            (await all.RecordAsync(Entries.ReadOnlyAllow())).Should().NotBeNull();
            (await all.Store.CountAsync()).Should().Be(3);
        }
    }

    [Fact]
    public async Task Record_is_queryable_when_RecordAsync_returns_and_completion_adds_the_docker_answer()
    {
        await using var audit = Start(new AuditOptions { Host = "node-7" });
        var entry = Entries.Denied() with { DecisionId = "3b1c-review-uid" };
        var id = await audit.RecordAsync(entry);
        await audit.CompleteAsync(id!, 403, null);
        var record = (await audit.Store.QueryAsync(new AuditQuery()))[0];
        record.Id.Should().Be(id).And.HaveLength(26);
        record.RequestUid.Should().Be("3b1c-review-uid");
        record.Host.Should().Be("node-7");
        record.Decision.Should().Be("deny");
        record.ResponseStatus.Should().Be(403);
        record.LatencyMs.Should().BeApproximately(0.4, 0.001);
        record.Route.Should().Be("POST /v1.41/containers/create");
    }

    [Fact]
    public async Task Concurrent_decisions_share_commits_and_all_land()
    {
        using var metrics = new MetricCapture();
        await using var audit = Start();
        var ids = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => audit.RecordAsync(Entries.Denied(user: $"u{i % 50}")).AsTask()));
        ids.Should().OnlyHaveUniqueItems().And.NotContainNulls();
        (await audit.Store.CountAsync()).Should().Be(2000);
        var commits = metrics.TagsOf("dockerguard.audit.batch.size").Count();
        commits.Should().BeLessThan(2000, "records that arrive together commit together");
        metrics.Sum("dockerguard.audit.batch.size").Should().BeGreaterThanOrEqualTo(2000);
    }

    [Fact]
    public async Task Retention_runs_between_commits_and_keeps_the_newest()
    {
        await using var audit = Start(new AuditOptions { Retention = new Storage.RetentionPolicy(MaxRecords: 100), RetentionBatch = 50, RetentionInterval = TimeSpan.FromMilliseconds(50) });
        for (var i = 0; i < 5; i++)
            await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => audit.RecordAsync(Entries.Denied()).AsTask()));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await audit.Store.CountAsync() > 100 && DateTime.UtcNow < deadline) await Task.Delay(50);
        (await audit.Store.CountAsync()).Should().Be(100);
    }

    [Fact]
    public async Task Retention_keeps_deleting_while_writers_never_pause()
    {
        // The database straight, without the pending journal: what is asserted is the writer's pacing of retention
        // against commits. (Through the journal the database trails by the backlog; the next test covers that.)
        await using var audit = new DecisionAudit(new Storage.SqliteAuditStore(_dir.File("audit.db")),
            new AuditOptions { Retention = new Storage.RetentionPolicy(MaxRecords: 100), RetentionBatch = 50, RetentionInterval = TimeSpan.FromMilliseconds(100), SpillPath = _dir.File("spill.jsonl") },
            new CapturingLogger());
        using var stop = new CancellationTokenSource();
        var recorded = 0;
        var writers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await audit.RecordAsync(Entries.Denied());
                Interlocked.Increment(ref recorded);
            }
        })).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref recorded) < 3000 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(1000);
        // Read while the 32 writers still keep the queue busy: retention must have deleted meanwhile.
        var stored = await audit.Store.CountAsync();
        var total = Volatile.Read(ref recorded);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        total.Should().BeGreaterThanOrEqualTo(3000);
        stored.Should().BeLessThan(total / 2, $"retention deletes under sustained load too ({stored} stored of {total} recorded)");
    }

    [Fact]
    public async Task Retention_brings_the_store_to_its_limit_soon_after_a_burst_through_the_journal()
    {
        await using var audit = Start(new AuditOptions { Retention = new Storage.RetentionPolicy(MaxRecords: 100), RetentionBatch = 50, RetentionInterval = TimeSpan.FromSeconds(30) });
        await audit.RecordAsync(Entries.Denied());
        for (var burst = 0; burst < 20; burst++)
            await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => audit.RecordAsync(Entries.Denied()).AsTask()));
        // No more writes: retention continues step after step while there is more to delete, not once per interval (30 s here).
        // Through the journal, retention runs on the indexer thread after each index pass, so it sees every record.
        await audit.Store.CountAsync(); // everything answered is in the database from here on
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long stored;
        while ((stored = await SqliteFile.DecisionsIn(_dir.File("audit.db"))) != 100 && DateTime.UtcNow < deadline) await Task.Delay(50);
        stored.Should().Be(100, "retention caught up with 2,001 records without waiting for its 30 s interval, keeping the newest 100");
        (await audit.Store.QueryAsync(new AuditQuery())).Should().HaveCount(100, "nothing was left pending past the limit");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
