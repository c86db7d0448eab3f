using System.Runtime.InteropServices;

namespace DockerGuard.Admission.Load;

/// <summary>The machine line docs/performance.md asks for.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0..3];
        return $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {cpu}; {Environment.ProcessorCount} cores; {long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024.0:F0} GB RAM; " +
               $"kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}; {RuntimeInformation.FrameworkDescription}; load average {string.Join(' ', load)}";
    }

    public static string GcEnvironment()
    {
        var gc = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_gc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").ToList();
        return gc.Count == 0 ? "defaults (workstation, concurrent)" : string.Join(' ', gc);
    }
}
