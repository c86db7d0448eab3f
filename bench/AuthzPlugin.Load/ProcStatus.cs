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

    public static string Mb(long kb) => (kb / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
