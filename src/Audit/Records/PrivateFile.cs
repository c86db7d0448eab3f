namespace DockerGuard.Audit.Records;

/// <summary>
/// Options for the audit trail's own files (the pending journal, rejected lines, the locks beside them): created
/// owner-only (0600), since they hold audit records or guard them.
/// </summary>
internal static class PrivateFile
{
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
