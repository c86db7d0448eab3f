using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DockerGuard.OciHook.Host;

/// <summary>
/// Reads a file only if nobody but its reader (or root) could have written it: a regular file, not reached
/// through a symlink, owned by root or the effective user, and writable by neither group nor others.
/// Ownership and mode are taken from the open descriptor (statx AT_EMPTY_PATH), so a file swapped in after
/// the check is never the one read. Offsets are statx's, the same on every architecture.
/// </summary>
internal static partial class TrustedFile
{
    private const int ORdOnly = 0;
    private const int ONoFollow = 0x20000;
    private const int OCloExec = 0x80000;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxTypeModeUidSize = 0x1 | 0x2 | 0x8 | 0x200;
    private const int UidOffset = 20;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int RegularFile = 0x8000;
    private const int FileTypeMask = 0xF000;
    private const int GroupOrOtherWrite = 0x12; // 0o022

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint EffectiveUid();

    /// <summary>The file's bytes, or null when it is absent, unreadable, larger than <paramref name="maxBytes"/> or not trusted.</summary>
    public static unsafe byte[]? Read(string path, int maxBytes)
    {
        var fd = Open(path, ORdOnly | ONoFollow | OCloExec);
        if (fd < 0) return null;
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var stat = stackalloc byte[256];
        if (Statx(fd, "", AtEmptyPath, StatxTypeModeUidSize, stat) != 0) return null;
        var uid = *(uint*)(stat + UidOffset);
        var mode = *(ushort*)(stat + ModeOffset);
        var size = *(ulong*)(stat + SizeOffset);
        if ((mode & FileTypeMask) != RegularFile || (mode & GroupOrOtherWrite) != 0 || (uid != 0 && uid != EffectiveUid()) || size > (ulong)maxBytes)
            return null;
        var bytes = new byte[size];
        try
        {
            return RandomAccess.Read(handle, bytes, 0) == bytes.Length ? bytes : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
