using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DockerGuard.OciHook.Host;

/// <summary>
/// A file opened with O_APPEND, written with one write(2) per line. FileStream's FileMode.Append does not
/// set O_APPEND on Linux: it pwrite()s at the size it saw, so two hooks appending at once could write
/// over each other's line. With O_APPEND the kernel picks the end and writes the whole buffer under the
/// inode lock, so concurrent lines never interleave or overwrite. Flag values are asm-generic's, the
/// same on x86-64 and arm64.
/// </summary>
internal static partial class AppendOnlyFile
{
    private const int OWrOnly = 0x1;
    private const int OCreat = 0x40;
    private const int OAppend = 0x400;
    private const int OCloExec = 0x80000;
    private const int Eintr = 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(int fd);

    /// <summary>Opens (creating with <paramref name="mode"/> if absent) for appending.</summary>
    public static SafeFileHandle Open(string path, UnixFileMode mode)
    {
        int fd;
        do fd = Open(path, OWrOnly | OCreat | OAppend | OCloExec, (int)mode);
        while (fd < 0 && Marshal.GetLastPInvokeError() == Eintr);
        if (fd < 0) throw new IOException($"open: {Marshal.GetLastPInvokeErrorMessage()}");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Appends <paramref name="bytes"/> in a single write(2). A short write (disk full) is an error, never
    /// completed by a second write that another appender's line could land in front of.</summary>
    public static unsafe void Append(SafeFileHandle file, ReadOnlySpan<byte> bytes)
    {
        nint written;
        fixed (byte* p = bytes)
        {
            do written = Write((int)file.DangerousGetHandle(), p, (nuint)bytes.Length);
            while (written < 0 && Marshal.GetLastPInvokeError() == Eintr);
        }
        if (written < 0) throw new IOException($"write: {Marshal.GetLastPInvokeErrorMessage()}");
        if (written != bytes.Length) throw new IOException($"write: only {written} of {bytes.Length} bytes written (disk full?)");
    }

    /// <summary>fdatasync(2): the appended data (and the size that covers it) reach the disk.</summary>
    public static void SyncData(SafeFileHandle file)
    {
        if (FDataSync((int)file.DangerousGetHandle()) != 0) throw new IOException($"fdatasync: {Marshal.GetLastPInvokeErrorMessage()}");
    }
}
