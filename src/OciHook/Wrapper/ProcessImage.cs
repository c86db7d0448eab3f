using System.Runtime.InteropServices;

namespace DockerGuard.OciHook.Wrapper;

/// <summary>
/// Replaces this process with another program (execv(3)), so the engine talks to the real runc
/// directly: same pid, same file descriptors, same environment, no child left holding pipes.
/// </summary>
internal static unsafe partial class ProcessImage
{
    private const int SigPipe = 13;
    private const int SigSetMask = 2;

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static partial int Execv(byte* path, byte** argv);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signum, nint handler);

    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    private static partial int SigProcMask(int how, byte* set, byte* oldset);

    /// <summary>Does not return on success; returns the error text otherwise.</summary>
    public static string Exec(string path, IReadOnlyList<string> argv)
    {
        // .NET ignores SIGPIPE and an exec keeps ignored signals and the signal mask; runc and the
        // container process must start with the defaults they would have had without the wrapper.
        Signal(SigPipe, 0);
        var empty = stackalloc byte[128];
        new Span<byte>(empty, 128).Clear();
        SigProcMask(SigSetMask, empty, null);

        var pathBytes = (byte*)Marshal.StringToCoTaskMemUTF8(path);
        var args = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < argv.Count; i++) args[i] = (byte*)Marshal.StringToCoTaskMemUTF8(argv[i]);
        Execv(pathBytes, args);
        return Marshal.GetLastPInvokeErrorMessage();
    }
}
