using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// Moves the WAL into the database file on its own connection and thread, so a commit does not pay
/// for checkpoints. The writer runs with <c>wal_autocheckpoint=0</c>: otherwise the commit that
/// crosses 1,000 WAL pages copies them all and, even with <c>synchronous=NORMAL</c>, fsyncs the WAL
/// and the database file before answering (https://www.sqlite.org/wal.html#ckpt).
/// PASSIVE checkpoints never block the writer; a round repeats them while each copies what the
/// writer added meanwhile, so on a quiet store one finishes between two commits and the next commit
/// starts the WAL over. Under steady load they never catch up (a pass fsyncs twice, commits come every
/// millisecond): the WAL grows, and the writer restarts it itself (<see cref="ShouldRestart"/>), just
/// after a pass, when little is left to copy and sync.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>WAL size past which the writer restarts the WAL between two batches; also the size it is truncated to.
    /// A restart stalls one commit (the frames since the last pass are synced and copied, the database file synced),
    /// so under sustained load the stalls come once per this many bytes of WAL: at 64 MB they came about once a
    /// second at 2,000 decisions/s and cost 25% of the throughput under saturation; 256 MB makes them rare.</summary>
    public const long DefaultRestartBytes = 256L << 20;
    private const int MaxPassesPerRound = 8;
    // A restart right after a pass copies only what was committed during it.
    private static readonly long RecentPassTicks = Stopwatch.Frequency / 20;
    private int _inPass;
    private long _lastPassEnded;
    private readonly Func<SqliteConnection> _open;
    private readonly string _walPath;
    private readonly TimeSpan _interval;
    private readonly long _restartBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _loop;
    private SqliteConnection? _connection;

    public SqliteCheckpointer(Func<SqliteConnection> open, string databasePath, TimeSpan interval, long restartBytes)
    {
        _restartBytes = restartBytes;
        _open = open;
        _walPath = databasePath + "-wal";
        _interval = interval;
        // Its own thread, not the pool's: a pass blocks in fsync for milliseconds, and on 2 cores a blocked pool
        // thread is one the group-commit loop and the answers wait for.
        _loop = new Thread(Run) { IsBackground = true, Name = "audit checkpointer" };
        _loop.Start();
    }

    /// <summary>
    /// True when the PASSIVE rounds have not kept the WAL small (a writer with no pause between commits) and
    /// now is a good moment for the writer to restart it: no pass is running (the restart would wait for it,
    /// holding the commit) and one ended within the last 50 ms, so little is left to copy. Past twice the
    /// limit the moment does not matter any more.
    /// </summary>
    public bool ShouldRestart()
    {
        long size;
        try { size = new FileInfo(_walPath).Length; }
        catch (IOException) { return false; }
        if (size <= _restartBytes) return false;
        if (size > 2 * _restartBytes) return true;
        return Volatile.Read(ref _inPass) == 0 && Stopwatch.GetTimestamp() - Volatile.Read(ref _lastPassEnded) < RecentPassTicks;
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (_stop.Token.WaitHandle.WaitOne(_interval)) return;
            try
            {
                _connection ??= _open();
                for (var pass = 0; pass < MaxPassesPerRound && !_stop.IsCancellationRequested; pass++)
                {
                    Volatile.Write(ref _inPass, 1);
                    long log, copied;
                    try { (log, copied) = Checkpoint(_connection, "PASSIVE"); }
                    finally
                    {
                        Volatile.Write(ref _lastPassEnded, Stopwatch.GetTimestamp());
                        Volatile.Write(ref _inPass, 0);
                    }
                    if (log <= 0 || copied >= log) break;
                }
            }
            catch (SqliteException)
            {
                // Housekeeping: the writer reports store trouble; try again next round on a fresh connection.
                _connection?.Dispose();
                _connection = null;
            }
        }
    }

    /// <summary>Runs one checkpoint; returns the WAL's frames and how many of them are in the database file now.</summary>
    public static (long Log, long Copied) Checkpoint(SqliteConnection connection, string mode)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.Run(_loop.Join);
        _connection?.Dispose();
        _stop.Dispose();
    }
}
