using System.Runtime.InteropServices;

namespace DockerGuard.OciHook.Timing;

/// <summary>
/// posix_spawn + wait4, as runc starts a hook: no .NET Process machinery between the clock and the
/// child (Process.Start alone costs about a millisecond), stdin from a file, stdout and stderr to
/// /dev/null, and the child's CPU time from its rusage.
/// </summary>
internal static unsafe partial class Spawn
{
    private const int ORdOnly = 0;
    private const int OWrOnly = 1;
    private const int FileActionsSize = 256;
    private const int RusageSize = 144;

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddOpen(byte* actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int PosixSpawn(int* pid, byte* path, byte* actions, byte* attr, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "wait4", SetLastError = true)]
    private static partial int Wait4(int pid, int* status, int options, byte* rusage);

    /// <summary>Runs <paramref name="argv"/> to completion; returns its exit code and the CPU time (user + system) it used.
    /// (ru_maxrss is not returned: see <see cref="PeakRss"/>.)</summary>
    public static (int ExitCode, double CpuMs) Run(string[] argv, string[] env, string stdinFile)
    {
        var actions = stackalloc byte[FileActionsSize];
        FileActionsInit(actions);
        FileActionsAddOpen(actions, 0, stdinFile, ORdOnly, 0);
        FileActionsAddOpen(actions, 1, "/dev/null", OWrOnly, 0);
        FileActionsAddOpen(actions, 2, "/dev/null", OWrOnly, 0);
        var args = ToC(argv);
        var envp = ToC(env);
        try
        {
            int pid;
            var rc = PosixSpawn(&pid, args[0], actions, null, args, envp);
            if (rc != 0) throw new InvalidOperationException($"posix_spawn {argv[0]} failed: errno {rc}");
            int status;
            var rusage = stackalloc byte[RusageSize];
            while (Wait4(pid, &status, 0, rusage) < 0)
                if (Marshal.GetLastPInvokeError() != 4) throw new InvalidOperationException("wait4 failed"); // EINTR: retry
            var exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            var l = (long*)rusage; // ru_utime {sec, usec}, ru_stime {sec, usec}
            return (exit, (l[0] + l[2]) * 1000.0 + (l[1] + l[3]) / 1000.0);
        }
        finally
        {
            FileActionsDestroy(actions);
            Free(args);
            Free(envp);
        }
    }

    private static byte** ToC(string[] strings)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(strings.Length + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < strings.Length; i++) array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(strings[i]);
        array[strings.Length] = null;
        return array;
    }

    private static void Free(byte** array)
    {
        for (var p = array; *p != null; p++) Marshal.FreeCoTaskMem((nint)(*p));
        NativeMemory.Free(array);
    }
}
