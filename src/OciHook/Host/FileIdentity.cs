using System.Runtime.InteropServices;

namespace DockerGuard.OciHook.Host;

/// <summary>
/// statx(2) through P/Invoke, following links: /proc/self/ns/net is a magic link whose target is the
/// nsfs inode. statx's struct has one layout on every architecture, unlike struct stat, so the
/// offsets below hold on x86-64 and arm64 alike (include/uapi/linux/stat.h); values are native-endian.
/// </summary>
internal static partial class FileIdentity
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;
    private const int StatxBufferSize = 256;
    private const int InodeOffset = 32;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>The identity of what <paramref name="path"/> resolves to; null with the errno text when stat fails.</summary>
    public static NamespaceId? Of(string path, out string? error) => Stat(AtFdCwd, path, 0, out error);

    /// <summary>The identity of an open file (statx with AT_EMPTY_PATH): what a name pointed to when it was opened.</summary>
    public static NamespaceId? Of(Microsoft.Win32.SafeHandles.SafeFileHandle handle) =>
        Stat((int)handle.DangerousGetHandle(), "", AtEmptyPath, out var error) ?? throw new IOException($"statx on an open file failed: {error}");

    private static unsafe NamespaceId? Stat(int dirfd, string path, int flags, out string? error)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (Statx(dirfd, path, flags, StatxIno, buffer) != 0)
        {
            error = Marshal.GetLastPInvokeErrorMessage();
            return null;
        }
        var span = new ReadOnlySpan<byte>(buffer, StatxBufferSize);
        error = null;
        return new NamespaceId(
            MemoryMarshal.Read<uint>(span[DevMajorOffset..]),
            MemoryMarshal.Read<uint>(span[DevMinorOffset..]),
            MemoryMarshal.Read<ulong>(span[InodeOffset..]));
    }
}
