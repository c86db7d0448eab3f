using System.Text;
using System.Text.Json;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Pipeline;

/// <summary>
/// Fail-open's local safety net: JSON lines, each fsync'd before the decision is answered, so a
/// record the store could not take is still durable. Replay renames the file aside first, so new
/// lines keep landing while the old ones go into the store; a replay cut short is finished on the
/// next attempt (records are inserted idempotently by id).
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

    public bool HasPending => File.Exists(ReplayPath) || (File.Exists(Path) && new FileInfo(Path).Length > 0);

    public void Append(SpillLine line)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, RecordJson.Default.SpillLine) + "\n");
        lock (_gate)
        {
            if (_stream is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            }
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>The lines to replay: a leftover replay file, or the current spill moved aside. Null when there is nothing.</summary>
    public IReadOnlyList<SpillLine>? TakeForReplay()
    {
        lock (_gate)
        {
            if (!File.Exists(ReplayPath))
            {
                if (!File.Exists(Path) || new FileInfo(Path).Length == 0) return null;
                _stream?.Dispose();
                _stream = null;
                File.Move(Path, ReplayPath);
            }
        }
        var lines = new List<SpillLine>();
        foreach (var text in File.ReadLines(ReplayPath))
        {
            // A torn last line (the process died mid-write) was never acknowledged: skip it.
            if (text.Length == 0) continue;
            try { lines.Add(JsonSerializer.Deserialize(text, RecordJson.Default.SpillLine)!); }
            catch (JsonException) { }
        }
        return lines;
    }

    public void ReplayDone() => File.Delete(ReplayPath);

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
