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
    /// left unfinished first, then the lines written until now. Two rounds at most, so a busy writer
    /// cannot keep it going; what arrives later waits for the next import.
    /// </summary>
    /// <exception cref="SpillLockedException">another replay held the lock for all of <paramref name="lockWait"/>.</exception>
    public static async Task<SpillReplayResult> ImportAsync(string spillPath, IAuditStore store, TimeSpan lockWait, int maxBatch = 8192, CancellationToken cancellationToken = default)
    {
        using var spill = new SpillFile(spillPath);
        await store.MigrateAsync(cancellationToken);
        var total = SpillReplayResult.None(spill.Path, spill.RejectedPath);
        for (var round = 0; round < 2; round++)
        {
            if (await RunAsync(spill, store, maxBatch, lockWait, cancellationToken) is not { } result)
            {
                if (round == 0 && spill.HasPending) throw new SpillLockedException($"another replay (dockerguard serve or audit import) has held {spill.LockPath} for {lockWait.TotalSeconds:0} s; try again");
                break;
            }
            if (result.Lines == 0 && result.Rejected.Count == 0) break;
            total = total.Add(result);
        }
        return total;
    }

    /// <summary>One replay round; null when another replayer holds the lock or there is nothing to replay.</summary>
    internal static async Task<SpillReplayResult?> RunAsync(SpillFile spill, IAuditStore store, int maxBatch, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        using var held = await ReplayLock.TryAcquireAsync(spill.LockPath, lockWait, cancellationToken);
        if (held is null || spill.TakeForReplay() is not { } batch) return null;
        foreach (var chunk in batch.Lines.Chunk(maxBatch))
        {
            await store.WriteAsync(
                chunk.Where(l => l.Record is not null).Select(l => l.Record!).ToList(),
                chunk.Where(l => l.Completion is not null).Select(l => l.Completion!).ToList(), cancellationToken);
        }
        spill.ReplayDone(batch);
        return new SpillReplayResult(spill.Path, spill.RejectedPath,
            batch.Lines.Count(l => l.Record is not null), batch.Lines.Count(l => l.Completion is not null), batch.Lines.Count, batch.Rejected);
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
