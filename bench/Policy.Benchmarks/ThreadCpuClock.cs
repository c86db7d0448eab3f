using System.Runtime.InteropServices;

namespace DockerGuard.Policy.Benchmarks;

/// <summary>
/// CPU time consumed by the calling thread (clock_gettime CLOCK_THREAD_CPUTIME_ID). On a shared
/// machine wall-clock time includes waiting for a core; thread CPU time does not, so it shows what
/// a decision costs when the evaluator has a core to itself.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static long NowNanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }
}
