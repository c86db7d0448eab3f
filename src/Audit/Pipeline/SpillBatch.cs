using System.Text;
using System.Text.Json;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Pipeline;

/// <summary>A spill file's lines as read for replay: the spill lines, and the lines that are not, with where and why.</summary>
internal sealed record SpillBatch(IReadOnlyList<SpillLine> Lines, IReadOnlyList<RejectedSpillLine> Rejected)
{
    /// <summary>Read from a replay file an earlier replay left behind, not from the spill file just moved aside.</summary>
    public bool Unfinished { get; init; }

    private static readonly TimeSpan InFlightGrace = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Reads the file as it is now, up to its current length: bytes a writer adds later landed after the
    /// rename, and the writer repeats those lines in the new spill file once it sees the rename.
    /// </summary>
    public static SpillBatch Read(string path)
    {
        // A line being appended right now completes within microseconds: give it that before calling it torn.
        if (!EndsWithNewline(path)) Thread.Sleep(InFlightGrace);
        var lines = new List<SpillLine>();
        var rejected = new List<RejectedSpillLine>();
        var number = 0;
        foreach (var (text, terminated) in LinesOf(path))
        {
            number++;
            if (text.Length == 0) continue;
            if (!terminated)
                // The writer died mid-write (that decision was never answered), or is still writing.
                rejected.Add(new RejectedSpillLine(path, number, text, "unterminated last line: a write cut short, or still in flight (the writer repeats such a line in the new spill file)"));
            else if (SpillLineParser.Parse(text, out var reason) is { } line) lines.Add(line);
            else rejected.Add(new RejectedSpillLine(path, number, text, reason!));
        }
        return new SpillBatch(lines, rejected);
    }

    /// <summary>The file's lines up to the length it has now; the last one says whether a newline ended it.</summary>
    private static IEnumerable<(string Text, bool Terminated)> LinesOf(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var remaining = file.Length;
        var buffer = new byte[64 * 1024];
        var line = new MemoryStream();
        while (remaining > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0) break;
            remaining -= read;
            var from = 0;
            for (var newline = Array.IndexOf(buffer, (byte)'\n', 0, read); newline >= 0; newline = Array.IndexOf(buffer, (byte)'\n', from, read - from))
            {
                line.Write(buffer, from, newline - from);
                yield return (Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length), true);
                line.SetLength(0);
                from = newline + 1;
            }
            line.Write(buffer, from, read - from);
        }
        if (line.Length > 0) yield return (Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length), false);
    }

    private static bool EndsWithNewline(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0) return true;
        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte() == '\n';
    }
}

/// <summary>A line of a spill file that is not a spill line: kept aside verbatim, reported with its file and line number.</summary>
public sealed record RejectedSpillLine(string File, int Line, string Text, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
