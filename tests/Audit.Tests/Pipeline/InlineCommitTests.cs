using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;
using DockerGuard.Audit.Tests.Support;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>
/// The group-commit writer's inline path: an idle writer lets the caller commit its own record when the store's
/// write is a buffered append (the SQLite journal with synchronous=NORMAL), commits never overlap, and records
/// stay in arrival order.
/// </summary>
public sealed class InlineCommitTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task With_the_journal_an_idle_writer_lets_the_caller_commit_without_a_thread_hand_off()
    {
        await using var audit = new DecisionAudit(AuditStoreFactory.Open("sqlite:" + _dir.File("audit.db")), new AuditOptions { SpillPath = _dir.File("spill.jsonl") }, new CapturingLogger());
        await audit.RecordAsync(Entries.Denied()); // the first write takes the journal (and starts its indexer)
        ((IInlineCommitStore)audit.Store).CommitsInline.Should().BeTrue();

        // The first record went through the writer loop, which is idle again a moment after answering it.
        var recorded = 1;
        ValueTask<string?> recording;
        while (!(recording = audit.RecordAsync(Entries.Denied())).IsCompleted && recorded < 50)
        {
            await recording;
            recorded++;
            await Task.Delay(10);
        }
        recording.IsCompleted.Should().BeTrue("an idle writer lets the record be appended on this thread, not handed to the writer loop and back");
        var id = await recording;
        recorded++;
        // An inline commit leaves the writer idle before it returns: the next write is inline too.
        var completing = audit.CompleteAsync(id!, 201, "c0ffee");
        completing.IsCompleted.Should().BeTrue();
        await completing;

        var stored = await audit.Store.QueryAsync(new AuditQuery());
        stored.Should().HaveCount(recorded);
        stored.Single(r => r.Id == id).CreatedContainerId.Should().Be("c0ffee");
    }

    [Fact]
    public async Task With_full_sync_every_commit_goes_through_the_writer_loop()
    {
        await using var audit = new DecisionAudit(AuditStoreFactory.Open("sqlite:" + _dir.File("audit.db"), sqliteFullSync: true), new AuditOptions { SpillPath = _dir.File("spill.jsonl"), SqliteFullSync = true }, new CapturingLogger());
        await audit.RecordAsync(Entries.Denied());
        ((IInlineCommitStore)audit.Store).CommitsInline.Should().BeFalse("an fsync must not run on the caller's (socket) thread");
        await audit.RecordAsync(Entries.Denied());
        (await audit.Store.CountAsync()).Should().Be(2);
    }

    /// <summary>
    /// A test double for the store, because no real store can be held in the middle of a write on demand: the
    /// inline commit is held there while two more records arrive, which must queue behind it and be written after it.
    /// </summary>
    [Fact]
    public async Task Records_arriving_during_an_inline_commit_queue_behind_it_and_commits_never_overlap()
    {
        var store = new HeldStore();
        await using var audit = new DecisionAudit(store, new AuditOptions { SpillPath = _dir.File("spill.jsonl") }, new CapturingLogger());
        var first = audit.RecordAsync(Entries.Denied() with { DecisionId = "first" }).AsTask();
        await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = audit.RecordAsync(Entries.Denied() with { DecisionId = "second" }).AsTask();
        var third = audit.RecordAsync(Entries.Denied() with { DecisionId = "third" }).AsTask();
        await Task.Delay(50);
        first.IsCompleted.Should().BeFalse();
        second.IsCompleted.Should().BeFalse("a record cannot pass the commit in progress");
        store.Release.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(10));
        store.Written.Should().Equal("first", "second", "third");
        store.MaxConcurrentWrites.Should().Be(1);
    }

    public void Dispose() => _dir.Dispose();

    private sealed class HeldStore : IAuditStore, IInlineCommitStore
    {
        private int _writing;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> Written { get; } = [];
        public int MaxConcurrentWrites { get; private set; }
        public bool CommitsInline => true;
        public string Description => "held test store";

        public async Task WriteAsync(IReadOnlyList<DecisionRecord> records, IReadOnlyList<Completion> completions, CancellationToken cancellationToken = default)
        {
            var writing = Interlocked.Increment(ref _writing);
            MaxConcurrentWrites = Math.Max(MaxConcurrentWrites, writing);
            if (records.Any(r => r.RequestUid == "first"))
            {
                Entered.SetResult();
                await Release.Task;
            }
            lock (Written) Written.AddRange(records.Select(r => r.RequestUid!));
            Interlocked.Decrement(ref _writing);
        }

        public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task<IReadOnlyList<DecisionRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<AuditStats> StatsAsync(AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<int> TrimAsync(RetentionPolicy retention, DateTimeOffset now, int batch, CancellationToken cancellationToken = default) => Task.FromResult(0);
        public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)Written.Count);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
