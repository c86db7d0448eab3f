using System.Diagnostics;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Telemetry;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// The SQLite store with its writes made durable in an append-only journal first (<see cref="PendingJournal"/>)
/// and moved into the database by a background indexer, in large transactions. A SQLite commit writes every
/// B-tree page a batch touched (about 25 pages for a few records with their indexes) while a journal append is
/// one <c>write</c>: at 2,000 decisions/s that is the difference between a p99 of ~2 ms and ~0.3 ms per decision.
/// Durability is the same as SQLite's (page cache with <c>synchronous=NORMAL</c>, fsync'd with FULL), and
/// every line is indexed exactly once in effect (inserts are idempotent by id, completions are updates).
/// <para>
/// Readers in this process see their own writes (queries index what is pending first); other processes see
/// them once the indexer ran (tens of milliseconds). A process that finds the journal owned by another live
/// process writes straight to the database, as does everyone while indexing fails: then every write indexes
/// what is pending and commits its own batch before returning, so a broken store fails the write (and the
/// configured failure mode applies) instead of collecting answers in the journal.
/// </para>
/// </summary>
public sealed class JournaledAuditStore : IAuditStore, ISelfTrimmingStore, IInlineCommitStore
{
    /// <summary>
    /// A batch gathers until it holds this much (about 16 records) or <see cref="MaxGather"/> has passed. Under load
    /// that is ~20 ms of decisions, so indexing comes in short bursts (longer ones, 250 ms of decisions at 2,000/s,
    /// raised the plugin's p99 from ~1.4 to ~2.2 ms on 2 cores); when decisions are sparse (a docker create now and
    /// then) records share a transaction instead of paying one each (the indexer's CPU fell by 70% at 100/s).
    /// </summary>
    private const long GatherBytes = 16L << 10;
    private static readonly TimeSpan MaxGather = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    /// <summary>The journal is emptied when the indexer has caught up and it is at least this large.</summary>
    private const long TruncateBytes = 16L << 20;
    /// <summary>Writers wait for the indexer past this backlog (until it is half as large): sustained, the store takes only what it can index.</summary>
    private const long MaxBacklogBytes = 16L << 20;
    private readonly SqliteAuditStore _inner;
    private readonly PendingJournal _journal;
    private readonly SemaphoreSlim _indexGate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _loopGate = new();
    private Thread? _loop;
    private long _indexed;
    private volatile bool _healthy;
    // Set while the indexer gathers a batch: appends then wake it only once the batch is full.
    private volatile bool _gathering;
    // Retention handed over by the group-commit writer (RunRetention): run by the indexer after its passes.
    private volatile RetentionRun? _retention;

    public JournaledAuditStore(SqliteAuditStore inner, bool fullSync)
    {
        _inner = inner;
        _journal = new PendingJournal(inner.Path, fullSync);
    }

    public SqliteAuditStore Inner => _inner;
    public string Description => _inner.Description;

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _inner.MigrateAsync(cancellationToken);

    public async Task WriteAsync(IReadOnlyList<DecisionRecord> records, IReadOnlyList<Completion> completions, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0 && completions.Count == 0) return;
        var owned = OwnForWriting();
        if (!owned || !_healthy)
        {
            if (owned) await IndexPendingAsync(cancellationToken);
            await _inner.WriteAsync(records, completions, cancellationToken);
            _healthy = owned;
            return;
        }
        _journal.Append(records, completions);
        var backlog = Backlog;
        DecisionTelemetry.JournalBacklog(backlog);
        if (!_gathering || backlog >= GatherBytes) Wake();
        // Back-pressure: sustained, the store takes only what it can index. Past the limit the writer waits until the
        // indexer has halved the backlog (~0.3 s at saturation), so indexing has the CPU to itself meanwhile:
        // waiting for one chunk at a time left it competing with the appends and cut the sustained rate by a fifth.
        if (backlog > MaxBacklogBytes)
        {
            while (_healthy && Backlog > MaxBacklogBytes / 2)
            {
                Wake();
                await Task.Delay(1, cancellationToken);
            }
        }
    }

    private long Backlog => _journal.Length - Interlocked.Read(ref _indexed);

    /// <summary>Transactions the indexer has committed (chunks moved into the database), for tests.</summary>
    internal long IndexPasses => Interlocked.Read(ref _indexPasses);
    private long _indexPasses;

    /// <summary>A write is then one <c>write</c> to the journal: no fsync, no SQLite, no back-pressure wait.</summary>
    bool IInlineCommitStore.CommitsInline => !_journal.FullSync && _healthy && _loop is not null && _journal.Owned && Backlog <= MaxBacklogBytes;

    private void Wake()
    {
        if (_wake.CurrentCount != 0) return;
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already woken */ }
    }

    /// <summary>Owns the journal for good and runs the indexer: this store writes.</summary>
    private bool OwnForWriting()
    {
        if (_loop is not null && _journal.Owned) return true;
        lock (_loopGate)
        {
            if (!_journal.Owned)
            {
                if (!_journal.TryOwn()) return false;
                Interlocked.Exchange(ref _indexed, 0);
            }
            if (_loop is null)
            {
                // Its own thread, not the pool's: a pass blocks in SQLite for milliseconds, and on 2 cores a blocked
                // pool thread is one the group-commit loop and the answers wait for (p99 2.5 ms when it was a pool task).
                _loop = new Thread(IndexLoop) { IsBackground = true, Name = "audit indexer" };
                _loop.Start();
            }
        }
        return true;
    }

    /// <summary>
    /// Before a read: what this process appended is indexed first; a journal no live process owns (its writer
    /// was killed) is indexed and emptied, and given up again unless this store writes.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_journal.Owned)
        {
            await IndexPendingAsync(cancellationToken);
            return;
        }
        lock (_loopGate)
        {
            if (_journal.Owned || !_journal.TryOwn()) return;
            Interlocked.Exchange(ref _indexed, 0);
        }
        try
        {
            await IndexPendingAsync(cancellationToken);
            // Not when this store began writing meanwhile: then the journal has lines past what was indexed.
            if (_journal.TruncateIfCaughtUp(Interlocked.Read(ref _indexed), 0)) Interlocked.Exchange(ref _indexed, 0);
        }
        finally
        {
            lock (_loopGate)
                if (_loop is null) _journal.Release();
        }
    }

    /// <summary>Moves everything appended so far into the database; the caller owns the journal.</summary>
    private async Task IndexPendingAsync(CancellationToken cancellationToken)
    {
        await _indexGate.WaitAsync(cancellationToken);
        try
        {
            while (_journal.Owned)
            {
                var (lines, bytes) = _journal.Read(_indexed);
                if (bytes == 0) break;
                var started = Stopwatch.GetTimestamp();
                await _inner.WriteLinesAsync(lines, cancellationToken);
                Interlocked.Add(ref _indexed, bytes);
                Interlocked.Increment(ref _indexPasses);
                _retention?.Schedule.Added(lines.Count(l => l.Record is not null));
                DecisionTelemetry.Indexed(lines.Count, Stopwatch.GetElapsedTime(started));
            }
            if (_journal.TruncateIfCaughtUp(_indexed, TruncateBytes)) Interlocked.Exchange(ref _indexed, 0);
            DecisionTelemetry.JournalBacklog(Backlog);
            // Indexed on a reader's call: retention, which runs on the indexer thread, may have something to do.
            if (_retention is { } run && run.Schedule.Due(run.Time.GetUtcNow())) Wake();
        }
        finally
        {
            _indexGate.Release();
        }
    }

    /// <summary>Waits until the backlog is worth a transaction (<see cref="GatherBytes"/>) or <see cref="MaxGather"/> is up.</summary>
    private void Gather(CancellationToken token)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(MaxGather.TotalSeconds * Stopwatch.Frequency);
        _gathering = true;
        try
        {
            while (Backlog < GatherBytes)
            {
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0) return;
                _wake.Wait(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency), token);
            }
        }
        finally
        {
            _gathering = false;
        }
    }

    private void IndexLoop()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                // Age retention needs a step now and then even when nothing is written.
                var woken = _retention is { } r ? _wake.Wait(r.Schedule.Interval, token) : _wake.Wait(Timeout.Infinite, token);
                if (woken) Gather(token);
                // SQLite's calls complete synchronously: this blocks this thread only.
                IndexPendingAsync(token).GetAwaiter().GetResult();
                _healthy = true;
                bool more;
                try { more = TrimOnIndexer(token); }
                catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
                {
                    // Retention is housekeeping: the next interval tries again; writes report store trouble.
                    if (_retention is { } failed) failed.Schedule.Failed(failed.Time.GetUtcNow());
                    more = false;
                }
                if (more) Wake(); // more to delete: go on without waiting for a writer
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store cannot take the journal now: writers go the synchronous way (and report it) until it can.
                _healthy = false;
                DecisionTelemetry.IndexFailed();
                if (token.WaitHandle.WaitOne(RetryDelay)) return;
            }
        }
    }

    public async Task<IReadOnlyList<DecisionRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken);
        return await _inner.QueryAsync(query, cancellationToken);
    }

    public async Task<AuditStats> StatsAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken);
        return await _inner.StatsAsync(query, cancellationToken);
    }

    /// <summary>
    /// One retention step on the database, after indexing what is pending so it counts every committed record
    /// (the <see cref="IAuditStore"/> contract). The served pipeline does not call this between commits: it hands
    /// retention to the indexer thread (<see cref="RunRetention"/>); run here, each step held the group-commit
    /// loop for an index pass and a delete, and with retention active the p99 at 2,000 decisions/s went from
    /// 0.26 to 3.3 ms.
    /// </summary>
    public async Task<int> TrimAsync(RetentionPolicy retention, DateTimeOffset now, int batch, CancellationToken cancellationToken = default)
    {
        if (_journal.Owned) await IndexPendingAsync(cancellationToken);
        return await _inner.TrimAsync(retention, now, batch, cancellationToken);
    }

    /// <summary>Retention from now on runs on the indexer thread: after a pass that indexed a batch's worth, when the interval is up, and on until the store is within its limits.</summary>
    void ISelfTrimmingStore.RunRetention(RetentionPolicy retention, int batch, TimeSpan interval, TimeProvider time)
    {
        _retention = retention.KeepsAll ? null : new RetentionRun(retention, time, new RetentionSchedule(batch, interval));
        // Start the indexer now when the journal can be had, so retention does not wait for the first decision.
        if (_retention is not null) OwnForWriting();
        Wake();
    }

    /// <summary>Retention steps after an index pass, when due (<see cref="RetentionSchedule"/>); true when more is due now.</summary>
    private bool TrimOnIndexer(CancellationToken token)
    {
        if (_retention is not { } r) return false;
        var now = r.Time.GetUtcNow();
        // A few steps per pass: indexing goes on between them.
        for (var step = 0; step < 4; step++)
        {
            if (!r.Schedule.Due(now)) return false;
            var deleted = _inner.TrimAsync(r.Policy, now, r.Schedule.Batch, token).GetAwaiter().GetResult();
            r.Schedule.Stepped(deleted, now);
            DecisionTelemetry.RetentionDeleted(deleted);
        }
        return r.Schedule.Due(now);
    }

    private sealed record RetentionRun(RetentionPolicy Policy, TimeProvider Time, RetentionSchedule Schedule);

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await CatchUpAsync(cancellationToken);
        return await _inner.CountAsync(cancellationToken);
    }

    /// <summary>Indexes what is pending (when the store takes it; otherwise it waits in the journal for the next owner) and gives the journal up.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Thread? loop;
        lock (_loopGate) loop = _loop;
        if (loop is not null) await Task.Run(loop.Join);
        if (_journal.Owned)
        {
            try
            {
                await IndexPendingAsync(CancellationToken.None);
                _journal.TruncateIfCaughtUp(_indexed, 0);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Kept in the journal: the next owner indexes it.
            }
        }
        _journal.Dispose();
        await _inner.DisposeAsync();
        _indexGate.Dispose();
        _wake.Dispose();
        _stop.Dispose();
    }
}
