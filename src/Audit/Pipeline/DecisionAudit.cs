using System.Diagnostics;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;
using DockerGuard.Audit.Telemetry;
using DockerGuard.Policy.Evaluation;
using Microsoft.Extensions.Logging;

namespace DockerGuard.Audit.Pipeline;

/// <summary>
/// The audit trail surfaces talk to. <see cref="RecordAsync"/> does everything for a decision in
/// one call: the trace span and metrics (<see cref="DecisionTelemetry"/>), the recording policy,
/// redaction (<see cref="DecisionRecordFactory"/>), the durable write through group commit, and the
/// configured failure mode when the store cannot take it.
/// </summary>
public sealed class DecisionAudit : IDecisionAudit, IAsyncDisposable
{
    private readonly IAuditStore _store;
    private readonly AuditOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly GroupCommitWriter _writer;
    private readonly SpillFile? _spill;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _replayLoop;
    private readonly Lock _replayGate = new();
    private Task<int>? _replay;
    private volatile bool _schemaReady;
    private long _downUntilTicks;
    private int _down;

    public DecisionAudit(IAuditStore store, AuditOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        _store = store;
        _options = options;
        _logger = logger ?? StderrLogger.Instance;
        _time = time ?? TimeProvider.System;
        _spill = options.FailureMode == AuditFailureMode.FailOpen ? new SpillFile(options.SpillPath) : null;
        _writer = new GroupCommitWriter(store, options, _time, EnsureSchemaAsync);
        _replayLoop = _spill is null ? Task.CompletedTask : Task.Run(ReplayLoopAsync);
    }

    /// <summary>Opens the configured store and prepares its schema; a store that is down now is retried on use (and reported).</summary>
    public static async Task<DecisionAudit> StartAsync(AuditOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var audit = new DecisionAudit(AuditStoreFactory.Open(options.Store, options.SqliteFullSync, options.StoreTimeout), options, logger);
        try { await audit.EnsureSchemaAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { audit.MarkDown(e); }
        return audit;
    }

    public IAuditStore Store => _store;

    public bool WouldRecord(Decision decision, bool readOnlyCall) => RecordingPolicy.ShouldRecord(decision, readOnlyCall, _options.RecordAll);

    public async ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        using var span = DecisionTelemetry.StartDecision(entry, _time.GetUtcNow());
        if (!RecordingPolicy.ShouldRecord(entry, _options.RecordAll)) return null;

        var now = _time.GetUtcNow();
        var record = DecisionRecordFactory.Create(entry, DecisionId.New(now), now, _options.Host);
        span?.SetTag("dockerguard.decision_id", record.Id);
        var started = Stopwatch.GetTimestamp();
        await WriteOrFallBackAsync(() => _writer.WriteAsync(record), new SpillLine(record, null), cancellationToken);
        span?.SetTag("dockerguard.audit.write_ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return record.Id;
    }

    public async ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default)
    {
        var completion = new Completion(decisionId, responseStatus, containerId);
        await WriteOrFallBackAsync(() => _writer.CompleteAsync(completion), new SpillLine(null, completion), cancellationToken);
    }

    private async Task WriteOrFallBackAsync(Func<Task> write, SpillLine spill, CancellationToken cancellationToken)
    {
        if (!IsMarkedDown())
        {
            try
            {
                await write().WaitAsync(cancellationToken);
                if (Interlocked.Exchange(ref _down, 0) == 1 && _spill is null)
                    _logger.LogWarning("audit store {Store} is writable again; decisions are recorded and answered normally", _store.Description);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                MarkDown(e);
            }
        }
        Unavailable(spill);
    }

    private void Unavailable(SpillLine line)
    {
        DecisionTelemetry.AuditUnavailable(_options.FailureMode);
        if (_spill is null)
            throw new AuditUnavailableException($"audit store {_store.Description} is unavailable and the failure mode is fail-closed: the request is denied");
        try
        {
            _spill.Append(line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogCritical(e, "audit spill file {Path} cannot be written either: the request is denied", _spill.Path);
            throw new AuditUnavailableException($"audit store {_store.Description} is unavailable and the spill file {_spill.Path} cannot be written", e);
        }
    }

    private bool IsMarkedDown() => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _downUntilTicks);

    private void MarkDown(Exception e)
    {
        Interlocked.Exchange(ref _downUntilTicks, (_time.GetUtcNow() + _options.RetryInterval).UtcTicks);
        if (Interlocked.Exchange(ref _down, 1) == 1) return;
        // Once per outage, at error level: the operator must hear that the trail is degraded.
        if (_spill is null)
            _logger.LogError(e, "AUDIT STORE UNAVAILABLE ({Store}): failing closed, every recorded decision is DENIED until it is back", _store.Description);
        else
            _logger.LogError(e, "AUDIT STORE UNAVAILABLE ({Store}): failing open, decisions are spilled to {Spill} and replayed when it is back", _store.Description, _spill.Path);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady) return;
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady) return;
            await _store.MigrateAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>Moves spilled lines into the store whenever it takes them; runs for fail-open only.</summary>
    private async Task ReplayLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (_spill!.HasPending) await ReplayAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Disposed mid-replay: the lines not yet written stay in the spill file for the next start
                // (records are inserted by id, so lines written twice are harmless).
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                MarkDown(e);
            }
            try { await Task.Delay(_options.RetryInterval, _time, _stopping.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// Replays the spill file now, unless another process is replaying it; returns the number of lines
    /// moved into the store. A call while this process replays already (the background loop) joins that replay.
    /// </summary>
    public Task<int> ReplayAsync(CancellationToken cancellationToken = default)
    {
        lock (_replayGate)
        {
            if (_replay is { IsCompleted: false }) return _replay;
            return _replay = ReplayOnceAsync(cancellationToken);
        }
    }

    private async Task<int> ReplayOnceAsync(CancellationToken cancellationToken)
    {
        if (_spill is null || !_spill.HasPending) return 0;
        await EnsureSchemaAsync(cancellationToken);
        SpillReplayResult result;
        try
        {
            if (await SpillReplay.RunAsync(_spill, _store, _options.MaxBatch, TimeSpan.Zero, cancellationToken) is not { } replayed) return 0;
            result = replayed.Result;
        }
        catch (SpillLockedException)
        {
            return 0; // `dockerguard audit import` is moving the file: this loop tries again later
        }
        DecisionTelemetry.SpillReplayed(result.Lines);
        Interlocked.Exchange(ref _downUntilTicks, 0);
        if (Interlocked.Exchange(ref _down, 0) == 1 || result.Lines > 0)
            _logger.LogWarning("audit store {Store} is back: replayed {Count} spilled lines from {Spill}", _store.Description, result.Lines, _spill.Path);
        foreach (var rejected in result.Rejected)
            _logger.LogError("audit spill line kept aside in {Rejected}, not replayed: {Line}", result.RejectedPath, rejected.ToString());
        return result.Lines;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _replayLoop;
        await _writer.DisposeAsync();
        _spill?.Dispose();
        await _store.DisposeAsync();
        _stopping.Dispose();
        _schemaGate.Dispose();
    }
}
