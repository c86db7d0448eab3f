namespace DockerGuard.Admission.Load;

/// <summary>Resident memory of another process from /proc/PID/status: VmRSS now, VmHWM the peak so far.</summary>
public sealed record ProcessMemory(long RssKb, long PeakKb)
{
    public static ProcessMemory Of(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
        }
        return new ProcessMemory(rss, hwm);
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    public static string Mb(long kb) => $"{kb / 1024.0:F1} MB";
}
