using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// Waits until a Stopwatch timestamp with sub-millisecond precision and without burning a core:
/// Thread.Sleep rounds to whole milliseconds, longer than the 0.5 ms between sends at 2,000/s.
/// nanosleep(2) wakes within the kernel's timer slack (50 µs); the last stretch is spun.
/// </summary>
public static partial class PreciseSleep
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 µs

    public static void Until(long timestamp)
    {
        while (true)
        {
            var left = timestamp - Stopwatch.GetTimestamp();
            if (left <= 0) return;
            if (left <= SpinTicks)
            {
                Thread.SpinWait(20);
                continue;
            }
            var ns = (left - SpinTicks) * 1_000_000_000 / Stopwatch.Frequency;
            var spec = new TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
            _ = NanoSleep(in spec, IntPtr.Zero);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);
}
