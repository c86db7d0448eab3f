using System.Diagnostics;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>Closed loop: N writers record as fast as commits allow. Every counted record was durable when counted.</summary>
public static class ThroughputRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var writersCount = options.Int("writers", 256);
        var seconds = options.Int("seconds", 10);
        await using var audit = await DecisionAudit.StartAsync(new AuditOptions { Store = options.Store, Host = "bench", SqliteFullSync = options.FullSync });
        await audit.RecordAsync(SyntheticEntries.Make(0));
        var cpu = new CpuMeter();
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[writersCount];
        var tasks = Enumerable.Range(0, writersCount).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            var i = w;
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                var t = Stopwatch.GetTimestamp();
                await audit.RecordAsync(SyntheticEntries.Make(i += writersCount));
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        Console.WriteLine($"throughput store={audit.Store.Description} writers={writersCount} records={all.Count} seconds={elapsed:F1} rate={all.Count / elapsed:F0} durable records/s");
        Console.WriteLine($"  RecordAsync latency: {Percentiles.Describe(all)}");
        Console.WriteLine($"  {cpu.Describe(all.Count)}");
        return 0;
    }
}
