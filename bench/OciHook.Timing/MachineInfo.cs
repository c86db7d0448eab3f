using System.Runtime.InteropServices;

namespace DockerGuard.OciHook.Timing;

/// <summary>The machine line docs/performance.md asks for: CPU model, cores, RAM, kernel, .NET, date, load.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKiB = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return $"machine: {cpu}, {Environment.ProcessorCount} cores, {memKiB / 1024 / 1024.0:F1} GiB RAM, kernel {kernel}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {load}";
    }
}
