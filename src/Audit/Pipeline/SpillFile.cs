using System.Text;
using System.Text.Json;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Pipeline;

/// <summary>
/// Fail-open's local safety net, and the OCI hook's audit trail: JSON lines, each fsync'd before the
/// decision is answered. Replay (<see cref="SpillReplay"/>) renames the file aside first, so new lines
/// keep landing while the old ones go into the store; a replay cut short is finished on the next
/// attempt (records are inserted idempotently by id). Lines that are not spill lines are never dropped:
/// they are kept, verbatim, in <see cref="RejectedPath"/>.
/// </summary>
internal sealed class SpillFile : IDisposable
{
    private readonly Lock _gate = new();
    private FileStream? _stream;

    public SpillFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }
    private string ReplayPath => Path + ".replay";
    public string RejectedPath => Path + ".rejected";
    /// <summary>flock'd by whoever replays (a server's replay loop, <c>dockerguard audit import</c>): one at a time.</summary>
    public string LockPath => Path + ".lock";

    public bool HasPending => File.Exists(ReplayPath) || (File.Exists(Path) && new FileInfo(Path).Length > 0);

    public void Append(SpillLine line)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, RecordJson.Default.SpillLine) + "\n");
        lock (_gate)
        {
            // Another process may replay this file (audit import) and rename it while our stream is open:
            // a line written to the renamed file could be deleted unread, so it goes again into a new file
            // (a duplicate is harmless: records are inserted once by id).
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (_stream is null)
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                    // Spilled decisions are audit records: owner-only, whatever the directory's mode or the umask.
                    _stream = new FileStream(Path, Records.PrivateFile.Options(FileMode.Append, FileAccess.Write, FileShare.Read));
                }
                _stream.Write(bytes);
                _stream.Flush(flushToDisk: true);
                if (StillAtPath(_stream)) return;
                _stream.Dispose();
                _stream = null;
            }
            throw new IOException($"{Path} kept being renamed while a line was appended to it");
        }
    }

    /// <summary>
    /// Whether the open file still has its name. /proc/self/fd/N names the file a descriptor is open on
    /// now, with symlinks resolved: compared with a fresh open of the name, so a symlinked directory
    /// reads the same on both sides.
    /// </summary>
    private bool StillAtPath(FileStream stream)
    {
        if (!Directory.Exists("/proc/self/fd")) return true; // nothing to compare with: keep the old behaviour
        try
        {
            using var current = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return OpenName(current) == OpenName(stream);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static string? OpenName(FileStream stream) =>
        File.ResolveLinkTarget($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}", returnFinalTarget: false)?.FullName;

    /// <summary>
    /// The lines to replay: a leftover replay file, or the current spill moved aside. Null when there is
    /// nothing. Call only while holding the replay lock (<see cref="LockPath"/>).
    /// </summary>
    public SpillBatch? TakeForReplay()
    {
        var unfinished = true;
        lock (_gate)
        {
            if (!File.Exists(ReplayPath))
            {
                if (!File.Exists(Path) || new FileInfo(Path).Length == 0) return null;
                _stream?.Dispose();
                _stream = null;
                File.Move(Path, ReplayPath);
                unfinished = false;
            }
        }
        return SpillBatch.Read(ReplayPath) with { Unfinished = unfinished };
    }

    /// <summary>After the batch's lines are durable in the store: its rejected lines go (fsync'd) to <see cref="RejectedPath"/>, then the replay file goes.</summary>
    public void ReplayDone(SpillBatch batch)
    {
        if (batch.Rejected.Count > 0) RejectedLines.Append(RejectedPath, batch.Rejected.Select(r => r.Text));
        File.Delete(ReplayPath);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
