using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// Moves the WAL into the database file on its own connection and thread, so a commit does not pay
/// for checkpoints. The writer runs with <c>wal_autocheckpoint=0</c>: otherwise the commit that
/// crosses 1,000 WAL pages copies them all and, even with <c>synchronous=NORMAL</c>, fsyncs the WAL
/// and the database file before answering (https://www.sqlite.org/wal.html#ckpt).
/// PASSIVE checkpoints never block the writer; a round repeats them while each copies what the
/// writer added meanwhile, so one usually finishes between two commits and the next commit starts
/// the WAL over. A writer that never pauses gives them no such moment: then the WAL grows, and the
/// writer restarts it itself (<see cref="WalTooLarge"/>).
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>WAL size past which the writer restarts the WAL between two batches; also the size it is truncated to.</summary>
    public const long RestartBytes = 64L << 20;
    private const int MaxPassesPerRound = 8;
    private readonly Func<SqliteConnection> _open;
    private readonly string _walPath;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private SqliteConnection? _connection;

    public SqliteCheckpointer(Func<SqliteConnection> open, string databasePath, TimeSpan interval)
    {
        _open = open;
        _walPath = databasePath + "-wal";
        _interval = interval;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>True when the PASSIVE rounds have not kept the WAL small (a writer with no pause between commits).</summary>
    public bool WalTooLarge()
    {
        try { return new FileInfo(_walPath).Length > RestartBytes; }
        catch (IOException) { return false; }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(_interval, _stop.Token); }
            catch (OperationCanceledException) { return; }
            try
            {
                _connection ??= _open();
                for (var pass = 0; pass < MaxPassesPerRound && !_stop.IsCancellationRequested; pass++)
                {
                    var (log, copied) = Checkpoint(_connection, "PASSIVE");
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
        await _loop;
        _connection?.Dispose();
        _stop.Dispose();
    }
}
