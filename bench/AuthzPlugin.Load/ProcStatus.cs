using System.Globalization;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>Resident memory of a process as the kernel reports it (/proc/PID/status, kB).</summary>
public readonly record struct ProcStatus(long VmRssKb, long VmHwmKb)
{
    public static ProcStatus Of(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
        }
        return new ProcStatus(rss, hwm);
    }

    /// <summary>CPU time the process has used, user + system (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // the command name may hold spaces
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public static string Mb(long kb) => (kb / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
