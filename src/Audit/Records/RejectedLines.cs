using System.Text;

namespace DockerGuard.Audit.Records;

/// <summary>
/// Where lines that are not spill lines go, for the spill file and the SQLite store's pending journal alike:
/// appended to a <c>.rejected</c> file beside them, never dropped. They are audit records too, so the file is
/// as private as the spill file (0600) and each append is fsync'd.
/// </summary>
public static class RejectedLines
{
    public static void Append(string path, IEnumerable<string> lines)
    {
        using var file = new FileStream(path, PrivateFile.Options(FileMode.Append, FileAccess.Write, FileShare.Read));
        foreach (var line in lines) file.Write(Encoding.UTF8.GetBytes(line + "\n"));
        file.Flush(flushToDisk: true);
    }
}
