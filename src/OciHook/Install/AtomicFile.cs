namespace DockerGuard.OciHook.Install;

/// <summary>
/// Replaces a file so readers see the old content or the new, never half of it: write a temporary
/// file in the same directory, flush it to disk, rename it over the target. The temporary name does
/// not end in .json, because podman reads every *.json in hooks.d and a half-written one stops every
/// container on the host (oci-hooks.md §6).
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
            }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.SetUnixFileMode(temp, mode);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Copies a file into place atomically (binaries: a runtime never executes a half-copied hook).</summary>
    public static void Copy(string source, string destination, UnixFileMode mode) =>
        Write(destination, File.ReadAllBytes(source), mode);
}
