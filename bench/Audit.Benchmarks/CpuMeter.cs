using System.Diagnostics;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// CPU time this process used over a run. On a shared machine wall-clock rates say more about the
/// neighbours than about DockerGuard; CPU per record does not, and records per CPU-second is
/// the rate one idle core would give (when the store's fsync is not the limit).
/// </summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _start = Process.GetCurrentProcess().TotalProcessorTime;

    public string Describe(long records)
    {
        var used = Process.GetCurrentProcess().TotalProcessorTime - _start;
        var perRecordUs = used.TotalMilliseconds * 1000 / Math.Max(1, records);
        return $"cpu={used.TotalSeconds:F1} s ({perRecordUs:F0} us per record, {records / Math.Max(used.TotalSeconds, 1e-9):F0} records per CPU-second)";
    }
}
