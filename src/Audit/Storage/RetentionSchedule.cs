namespace DockerGuard.Audit.Storage;

/// <summary>
/// When the next retention step runs, for whoever runs them (the group-commit writer between commits, the SQLite
/// store's indexer thread): one step per interval; at once while the last step found a full batch to delete; and,
/// so deletes keep pace with inserts under any load, whenever a batch's worth of records came in since, even if
/// decisions are waiting. A step that finds nothing to delete forgives what came in: the store is within its limits.
/// </summary>
internal sealed class RetentionSchedule(int batch, TimeSpan interval)
{
    private long _owed;

    public int Batch => batch;
    public TimeSpan Interval => interval;
    public DateTimeOffset NextStep { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Records came into the store (callable from any thread).</summary>
    public void Added(long records) => Interlocked.Add(ref _owed, records);

    private bool Owed => Interlocked.Read(ref _owed) >= batch;

    /// <summary>Whether a step is due now. <paramref name="busy"/>: decisions are waiting, so only an owed step or one a whole interval overdue runs.</summary>
    public bool Due(DateTimeOffset now, bool busy = false) =>
        Owed || (now >= NextStep && (!busy || now >= NextStep + interval));

    public void Stepped(int deleted, DateTimeOffset now)
    {
        if (deleted == 0 || Interlocked.Add(ref _owed, -deleted) < 0) Interlocked.Exchange(ref _owed, 0);
        NextStep = deleted >= batch || Owed ? now : now + interval;
    }

    /// <summary>Retention is housekeeping: after a failure it waits for the next interval.</summary>
    public void Failed(DateTimeOffset now)
    {
        NextStep = now + interval;
        Interlocked.Exchange(ref _owed, 0);
    }
}
