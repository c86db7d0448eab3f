namespace DockerGuard.Audit.Pipeline;

/// <summary>
/// A cross-process lock on a file: .NET on Unix opens a FileShare.None stream with flock(LOCK_EX|LOCK_NB),
/// and the kernel drops the lock when the holder exits, so a killed replayer never leaves it held.
/// </summary>
internal static class ReplayLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The held lock (dispose to release), or null if another process still held it after <paramref name="wait"/>.</summary>
    public static async Task<IDisposable?> TryAcquireAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return new FileStream(path, Records.PrivateFile.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Poll, cancellationToken);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
        }
    }
}
