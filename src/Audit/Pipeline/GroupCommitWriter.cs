using System.Diagnostics;
using System.Threading.Channels;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;
using DockerGuard.Audit.Telemetry;

namespace DockerGuard.Audit.Pipeline;

/// <summary>
/// Group commit: callers queue records and wait; one loop takes everything queued (up to
/// <see cref="AuditOptions.MaxBatch"/>), commits it in one transaction and then releases every
/// caller in it. Under load a batch fills while the previous commit's fsync runs, so the fsync
/// cost is shared. Retention deletes run between commits, one small batch at a time, and only when no
/// record is waiting (unless retention has fallen an interval behind, or as many records came in as a step
/// deletes); a store that runs retention itself (<see cref="ISelfTrimmingStore"/>, SQLite) gets it handed over.
/// <para>
/// When the store's write is a buffered append right now (<see cref="IInlineCommitStore"/>) and nothing is queued
/// or being committed, the caller commits its own record on its own thread: handing one record to an idle loop and
/// being woken back by it costs two thread hand-offs, most of a decision's audit cost on 2 cores. Commits never
/// overlap (one gate for the loop and the inline path) and stay in arrival order: a caller commits inline only
/// when nothing is ahead of it.
/// </para>
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IAuditStore _store;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task> _ensureSchema;
    private readonly Task _loop;
    // Records and completions queued or being committed (a single-reader channel cannot count them). Zero means
    // the writer is idle: the next caller may commit inline.
    private int _waiting;
    // Held while a batch is written to the store, by the loop or an inline caller, and while retention steps.
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly IInlineCommitStore? _inlineStore;
    private volatile bool _closed;
    // Null when nothing is to be deleted here: retention keeps everything, or the store runs it itself.
    private readonly RetentionSchedule? _retention;

    public GroupCommitWriter(IAuditStore store, AuditOptions options, TimeProvider time, Func<CancellationToken, Task> ensureSchema)
    {
        _store = store;
        _options = options;
        _time = time;
        _ensureSchema = ensureSchema;
        _inlineStore = store as IInlineCommitStore;
        if (!options.Retention.KeepsAll && store is ISelfTrimmingStore selfTrimming)
            // The store runs retention off the commit path (SQLite's indexer thread): nothing to do between commits.
            selfTrimming.RunRetention(options.Retention, options.RetentionBatch, options.RetentionInterval, time);
        else if (!options.Retention.KeepsAll)
            _retention = new RetentionSchedule(options.RetentionBatch, options.RetentionInterval);
        _loop = Task.Run(RunAsync);
    }

    public Task WriteAsync(DecisionRecord record) => Enqueue(new Pending(record, null));

    public Task CompleteAsync(Completion completion) => Enqueue(new Pending(null, completion));

    private Task Enqueue(Pending pending)
    {
        DecisionTelemetry.QueueChanged(+1);
        if (_inlineStore is { CommitsInline: true } && Interlocked.CompareExchange(ref _waiting, 1, 0) == 0)
        {
            // Nothing is ahead of this record: commit it here. The gate is free unless the writer is being disposed.
            if (!_closed && _commitGate.Wait(0)) return CommitInline(pending);
        }
        else
        {
            Interlocked.Increment(ref _waiting);
        }
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            DecisionTelemetry.QueueChanged(-1);
            return Task.FromException(new ObjectDisposedException(nameof(GroupCommitWriter), "the audit writer has stopped"));
        }
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await WaitAsync(reader))
        {
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var p)) batch.Add(p);
            await _commitGate.WaitAsync();
            try
            {
                if (batch.Count > 0)
                {
                    await CommitAsync(batch); // never throws: a failed commit faults the records' tasks
                    // Committed, so no longer waiting: retention below defers only to records still queued.
                    Interlocked.Add(ref _waiting, -batch.Count);
                }
                await TrimAsync();
            }
            finally
            {
                _commitGate.Release();
            }
            batch.Clear();
        }
    }

    /// <summary>The caller holds the gate; it is released (and the writer idle again) when the commit is done.</summary>
    private Task CommitInline(Pending pending)
    {
        // CommitAsync never throws: a failed commit faults the record's task, as in a batch.
        var commit = CommitAsync([pending]);
        if (commit.IsCompleted) InlineDone();
        else commit.ContinueWith(static (_, state) => ((GroupCommitWriter)state!).InlineDone(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return pending.Done.Task;
    }

    private void InlineDone()
    {
        _commitGate.Release();
        Interlocked.Decrement(ref _waiting);
    }

    /// <summary>Waits for work; wakes for retention when it is configured, at once when a step is due now (more to delete).</summary>
    private async Task<bool> WaitAsync(ChannelReader<Pending> reader)
    {
        if (_retention is null) return await reader.WaitToReadAsync();
        var untilDue = _retention.NextStep - _time.GetUtcNow();
        if (untilDue <= TimeSpan.Zero) return true;
        using var timeout = new CancellationTokenSource(untilDue < _retention.Interval ? untilDue : _retention.Interval);
        try { return await reader.WaitToReadAsync(timeout.Token); }
        catch (OperationCanceledException) { return true; }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _ensureSchema(CancellationToken.None);
            var records = new List<DecisionRecord>(batch.Count);
            var completions = new List<Completion>();
            foreach (var p in batch)
            {
                if (p.Record is not null) records.Add(p.Record);
                if (p.Completion is not null) completions.Add(p.Completion);
            }
            await _store.WriteAsync(records, completions);
            _retention?.Added(records.Count);
            DecisionTelemetry.AuditCommitted(batch.Count, Stopwatch.GetElapsedTime(started));
            foreach (var p in batch) p.Done.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var p in batch) p.Done.TrySetException(e);
        }
        finally
        {
            DecisionTelemetry.QueueChanged(-batch.Count);
        }
    }

    private async Task TrimAsync()
    {
        if (_retention is null) return;
        var now = _time.GetUtcNow();
        // Records waiting for a commit go first: a delete holds SQLite's write lock, and a decision should not wait
        // behind housekeeping, unless retention is owed a step or a whole interval overdue (RetentionSchedule).
        if (!_retention.Due(now, busy: Volatile.Read(ref _waiting) > 0)) return;
        try
        {
            var deleted = await _store.TrimAsync(_options.Retention, now, _options.RetentionBatch);
            _retention.Stepped(deleted, now);
            DecisionTelemetry.RetentionDeleted(deleted);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The write path reports store trouble.
            _retention.Failed(now);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _queue.Writer.TryComplete();
        await _loop;
        await _commitGate.WaitAsync(); // an inline commit still running ends before the store is disposed; the gate stays taken
    }

    private sealed record Pending(DecisionRecord? Record, Completion? Completion)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
