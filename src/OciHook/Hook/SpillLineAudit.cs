using System.Text;
using System.Text.Json;
using DockerGuard.Audit;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Records;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// The hook's audit trail: one JSON line per decision, in the audit pipeline's spill-file format
/// (<see cref="SpillLine"/>), appended before the hook answers: one O_APPEND write() of the whole line, so
/// lines of hooks running at once never interleave, and once it returns the line survives the hook being
/// killed (it is in the page cache). With <see cref="AuditSync.Full"/> it is also fdatasync'd, to survive
/// power loss, the same split as the service's SQLite trail. A process that lives for one container
/// create cannot afford the store itself (opening SQLite, its schema check and checkpoint on close).
/// <c>dockerguard audit import</c> (from a timer on hook-only hosts) or a running DockerGuard service
/// (DecisionAudit, fail-open, with its SpillPath pointing here) moves the file into the store with
/// SpillReplay, idempotently by record id.
/// </summary>
public sealed class SpillLineAudit(string path, string host, AuditSync sync = AuditSync.Normal) : IDecisionAudit
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (!RecordingPolicy.ShouldRecord(entry, recordAll: false)) return ValueTask.FromResult<string?>(null);
        var now = DateTimeOffset.UtcNow;
        var record = DecisionRecordFactory.Create(entry, DecisionId.New(now), now, host);
        Append(new SpillLine(record, null));
        return ValueTask.FromResult<string?>(record.Id);
    }

    public ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default)
    {
        Append(new SpillLine(null, new Completion(decisionId, responseStatus, containerId)));
        return ValueTask.CompletedTask;
    }

    private void Append(SpillLine line)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, SpillLineJson.Default.SpillLine) + "\n");
        try
        {
            // Replay renames the file aside and then reads it. A line written to the old file after that
            // rename would be deleted unread, so if the name moved while we wrote, the line goes again
            // into the new file (a duplicate is harmless: records are inserted once by id).
            for (var attempt = 0; attempt < 3; attempt++)
                if (AppendOnce(bytes)) return;
            throw new IOException($"{Path} kept being replaced while the hook appended to it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditUnavailableException($"cannot append to the audit spill file {Path}: {e.Message}", e);
        }
    }

    /// <summary>One O_APPEND write (atomic against other hooks appending), fdatasync when Full; true if the file is still at its name.</summary>
    private bool AppendOnce(byte[] bytes)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var file = Host.AppendOnlyFile.Open(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Host.AppendOnlyFile.Append(file, bytes);
        if (sync == AuditSync.Full) Host.AppendOnlyFile.SyncData(file);
        var written = Host.FileIdentity.Of(file);
        return Host.FileIdentity.Of(Path, out _) is { } current && current == written;
    }
}
