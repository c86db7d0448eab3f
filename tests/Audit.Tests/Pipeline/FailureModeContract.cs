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
        int answeredBeforeNoticed;
        try
        {
            // SQLite answers from its pending journal until its indexer meets the broken store (within the
            // busy timeout); each of those answers is durable and must reach the store once it is back.
            var refusal = await RecordUntilRefusedAsync(audit);
            answeredBeforeNoticed = refusal.Answered;
            refusal.Error.Message.Should().Contain("fail-closed");
            // While marked down, refusals are immediate: the store is not hammered per request.
            var act = async () => await audit.RecordAsync(Entries.Denied(user: "during"));
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
        users.Should().Equal(["after", .. Enumerable.Repeat("answered", answeredBeforeNoticed), "before"]);
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
        var answered = 0;
        try
        {
            // As above: answers from SQLite's pending journal until the break is noticed; then the first spilled line.
            answered = await RecordUntilSpilledAsync(audit);
            spilled = [await audit.RecordAsync(Entries.Denied(user: "during-1")), await audit.RecordAsync(Entries.Denied(user: "during-2"))];
            await audit.CompleteAsync(spilled[0]!, 403, null);
            spilled.Should().NotContainNulls("fail-open answers with the record's id");
            // The replay loop may already have moved earlier lines aside (".replay") while the store was still down.
            SpilledLines().Should().Be(4, "the first decision spilled, two more and a completion");
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
        records.Select(r => r.User).Should().Equal(["before", .. Enumerable.Repeat("answered", answered), "during-1", "during-2"]);
        var during1 = records.Single(r => r.User == "during-1");
        during1.Id.Should().Be(spilled[0]);
        during1.ResponseStatus.Should().Be(403);
        File.Exists(Dir.File("spill/audit-spill.jsonl")).Should().BeFalse();
        File.Exists(Dir.File("spill/audit-spill.jsonl.replay")).Should().BeFalse();
        System.Text.RegularExpressions.Regex.Matches(Log.All, @"replayed (\d+) spilled lines").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(4, "every spilled line is replayed once");
    }

    /// <summary>Records "answered" decisions until one is refused; how many were answered, and the refusal.</summary>
    private static async Task<(int Answered, AuditUnavailableException Error)> RecordUntilRefusedAsync(DecisionAudit audit)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var answered = 0; DateTime.UtcNow < deadline; answered++)
        {
            try { await audit.RecordAsync(Entries.Denied(user: "answered")); }
            catch (AuditUnavailableException e) { return (answered, e); }
            await Task.Delay(50);
        }
        throw new TimeoutException("the broken store was never noticed");
    }

    /// <summary>Records "answered" decisions until one lands in the spill file; how many were recorded in all (each reaches the store).</summary>
    private async Task<int> RecordUntilSpilledAsync(DecisionAudit audit)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var recorded = 1; DateTime.UtcNow < deadline; recorded++)
        {
            await audit.RecordAsync(Entries.Denied(user: "answered"));
            if (SpilledLines() > 0) return recorded;
            await Task.Delay(50);
        }
        throw new TimeoutException("the broken store was never noticed");
    }

    private int SpilledLines() =>
        new[] { "spill/audit-spill.jsonl", "spill/audit-spill.jsonl.replay" }.Select(Dir.File).Where(File.Exists).Sum(f => File.ReadAllLines(f).Length);

    private static async Task<bool> ReplayedWithCompletion(DecisionAudit audit)
    {
        if (await CountOrZero(audit) < 4) return false;
        var records = await audit.Store.QueryAsync(new AuditQuery { Ascending = true });
        return records.SingleOrDefault(r => r.User == "during-1")?.ResponseStatus is not null;
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
