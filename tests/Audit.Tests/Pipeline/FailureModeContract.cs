using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Tests.Support;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>
/// The store goes away under a running DecisionAudit and comes back: fail-closed refuses,
/// fail-open spills and replays; both tell the operator (error log line and metric).
/// Subclasses break a real store (SQLite locked by another writer, PostgreSQL stopped).
/// </summary>
public abstract class FailureModeContract : IDisposable
{
    protected readonly TempDir Dir = new();
    protected readonly CapturingLogger Log = new();

    protected abstract string StoreConnection { get; }
    protected abstract Task BreakStoreAsync();
    protected abstract Task RepairStoreAsync();

    private DecisionAudit Start(AuditFailureMode mode) => new(
        Storage.AuditStoreFactory.Open(StoreConnection, timeout: TimeSpan.FromSeconds(1)),
        new AuditOptions { FailureMode = mode, SpillPath = Dir.File("spill/audit-spill.jsonl"), RetryInterval = TimeSpan.FromMilliseconds(200), StoreTimeout = TimeSpan.FromSeconds(1) },
        Log);

    [Fact]
    public async Task Fail_closed_refuses_while_the_store_is_down_and_recovers()
    {
        using var metrics = new MetricCapture();
        await using var audit = Start(AuditFailureMode.FailClosed);
        var before = await audit.RecordAsync(Entries.Denied(user: "before"));
        await BreakStoreAsync();
        try
        {
            var act = async () => await audit.RecordAsync(Entries.Denied(user: "during"));
            (await act.Should().ThrowAsync<AuditUnavailableException>()).Which.Message.Should().Contain("fail-closed");
            // While marked down, refusals are immediate: the store is not hammered per request.
            await act.Should().ThrowAsync<AuditUnavailableException>();
        }
        finally
        {
            await RepairStoreAsync();
        }
        Log.Lines.Should().Contain(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Text.Contains("AUDIT STORE UNAVAILABLE") && l.Text.Contains("failing closed"));
        metrics.TagsOf("dockerguard.audit.unavailable").Should().Contain(t => t.Any(kv => kv.Key == "mode" && (string?)kv.Value == "fail-closed"));

        await Task.Delay(300);
        var after = await audit.RecordAsync(Entries.Denied(user: "after"));
        var users = (await audit.Store.QueryAsync(new AuditQuery())).Select(r => r.User);
        users.Should().Equal("after", "before");
        new[] { before, after }.Should().NotContainNulls();
    }

    [Fact]
    public async Task Fail_open_spills_durably_and_replays_when_the_store_is_back()
    {
        using var metrics = new MetricCapture();
        await using var audit = Start(AuditFailureMode.FailOpen);
        await audit.RecordAsync(Entries.Denied(user: "before"));
        await BreakStoreAsync();
        string?[] spilled;
        try
        {
            spilled = [await audit.RecordAsync(Entries.Denied(user: "during-1")), await audit.RecordAsync(Entries.Denied(user: "during-2"))];
            await audit.CompleteAsync(spilled[0]!, 403, null);
            spilled.Should().NotContainNulls("fail-open answers with the record's id");
            // The replay loop may already have moved earlier lines aside (".replay") while the store was still down.
            new[] { "spill/audit-spill.jsonl", "spill/audit-spill.jsonl.replay" }.Select(Dir.File).Where(File.Exists)
                .Sum(f => File.ReadAllLines(f).Length).Should().Be(3);
        }
        finally
        {
            await RepairStoreAsync();
        }
        Log.Lines.Should().Contain(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Text.Contains("failing open") && l.Text.Contains("audit-spill.jsonl"));
        metrics.TagsOf("dockerguard.audit.unavailable").Should().Contain(t => t.Any(kv => kv.Key == "mode" && (string?)kv.Value == "fail-open"));

        // The replay loop retries every RetryInterval; give it a few. It may replay the lines in more than
        // one pass (the records before the completion line was appended), so wait for the completion too.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !await ReplayedWithCompletion(audit)) await Task.Delay(100);
        var records = await audit.Store.QueryAsync(new AuditQuery { Ascending = true });
        records.Select(r => r.User).Should().Equal("before", "during-1", "during-2");
        records[1].Id.Should().Be(spilled[0]);
        records[1].ResponseStatus.Should().Be(403);
        File.Exists(Dir.File("spill/audit-spill.jsonl")).Should().BeFalse();
        File.Exists(Dir.File("spill/audit-spill.jsonl.replay")).Should().BeFalse();
        System.Text.RegularExpressions.Regex.Matches(Log.All, @"replayed (\d+) spilled lines").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(3, "every spilled line is replayed once");
    }

    private static async Task<bool> ReplayedWithCompletion(DecisionAudit audit)
    {
        if (await CountOrZero(audit) < 3) return false;
        var records = await audit.Store.QueryAsync(new AuditQuery { Ascending = true });
        return records.Count >= 2 && records[1].ResponseStatus is not null;
    }

    private static async Task<long> CountOrZero(DecisionAudit audit)
    {
        try { return await audit.Store.CountAsync(); }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException) { return 0; }
    }

    public virtual void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
