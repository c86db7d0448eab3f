using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;

namespace DockerGuard.Audit.Pipeline;

/// <summary>
/// Moves a spill file's lines into a store: a server's fail-open replay and <c>dockerguard audit import</c>
/// (hosts where only the OCI hook writes the file) run this same code. One replayer at a time (a flock
/// on <c>SPILL.lock</c>); the file is renamed aside before it is read, so writers appending meanwhile
/// start a new file; the renamed file is deleted only once its lines are durable in the store, and
/// lines that are not spill lines are kept verbatim in <c>SPILL.rejected</c>, never dropped.
/// </summary>
public static class SpillReplay
{
    /// <summary>
    /// Imports <paramref name="spillPath"/> into <paramref name="store"/> (creating its schema): a replay
    /// left unfinished first, if any, then the lines written until now. The file is renamed once per
    /// import at most, so a busy writer neither keeps the import going nor keeps losing its file to it.
    /// </summary>
    /// <exception cref="SpillLockedException">another replay held the lock for all of <paramref name="lockWait"/>.</exception>
    public static async Task<SpillReplayResult> ImportAsync(string spillPath, IAuditStore store, TimeSpan lockWait, int maxBatch = 8192, CancellationToken cancellationToken = default)
    {
        using var spill = new SpillFile(spillPath);
        await store.MigrateAsync(cancellationToken);
        var total = SpillReplayResult.None(spill.Path, spill.RejectedPath);
        if (await RunAsync(spill, store, maxBatch, lockWait, cancellationToken) is not { } first) return total;
        total = total.Add(first.Result);
        if (first.Unfinished && await RunAsync(spill, store, maxBatch, lockWait, cancellationToken) is { } second) total = total.Add(second.Result);
        return total;
    }

    /// <summary>
    /// One replay round: null when there is nothing to replay; <c>Unfinished</c> when it finished a
    /// replay cut short rather than taking the current file.
    /// </summary>
    /// <exception cref="SpillLockedException">another process held the replay lock for all of <paramref name="lockWait"/>.</exception>
    internal static async Task<(SpillReplayResult Result, bool Unfinished)?> RunAsync(SpillFile spill, IAuditStore store, int maxBatch, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        using var held = await ReplayLock.TryAcquireAsync(spill.LockPath, lockWait, cancellationToken)
            ?? throw new SpillLockedException($"another replay (dockerguard serve or audit import) has held {spill.LockPath} for {lockWait.TotalSeconds:0} s; try again");
        if (spill.TakeForReplay() is not { } batch) return null;
        foreach (var chunk in batch.Lines.Chunk(maxBatch)) await store.WriteLinesAsync(chunk, cancellationToken);
        spill.ReplayDone(batch);
        var result = new SpillReplayResult(spill.Path, spill.RejectedPath,
            batch.Lines.Count(l => l.Record is not null), batch.Lines.Count(l => l.Completion is not null), batch.Lines.Count, batch.Rejected);
        return (result, batch.Unfinished);
    }
}

/// <summary>What a replay moved: records and completions (already stored records are skipped by id), and the lines kept aside.</summary>
public sealed record SpillReplayResult(string SpillPath, string RejectedPath, int Records, int Completions, int Lines, IReadOnlyList<RejectedSpillLine> Rejected)
{
    internal static SpillReplayResult None(string spillPath, string rejectedPath) => new(spillPath, rejectedPath, 0, 0, 0, []);

    internal SpillReplayResult Add(SpillReplayResult other) =>
        this with { Records = Records + other.Records, Completions = Completions + other.Completions, Lines = Lines + other.Lines, Rejected = [.. Rejected, .. other.Rejected] };
}

/// <summary>Another process is replaying the same spill file.</summary>
public sealed class SpillLockedException(string message) : Exception(message);
