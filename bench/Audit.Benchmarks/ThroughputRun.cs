using System.Diagnostics;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// Closed loop: N writers record as fast as commits allow. Every counted record was durable when
/// counted. The entries are made before the clock starts (their cost is printed apart), and a
/// warm-up of the same load runs first, so the CPU counted is the pipeline's, after JIT.
/// </summary>
public static class ThroughputRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var writersCount = options.Int("writers", 256);
        var seconds = options.Int("seconds", 10);
        var entries = SyntheticEntries.Pool(out var makeCpu);
        await using var audit = await DecisionAudit.StartAsync(new AuditOptions { Store = options.Store, Host = "bench", SqliteFullSync = options.FullSync, Retention = options.Retention });
        await Load(audit, entries, writersCount, options.Int("warmup", 2));
        using var commits = new CommitMeter();
        var cpu = new CpuMeter();
        var gc = new GcMeter();
        var stop = Stopwatch.StartNew();
        var all = await Load(audit, entries, writersCount, seconds);
        var elapsed = stop.Elapsed.TotalSeconds;
        // SQLite answers from its pending journal; the database catches up behind it. A count indexes what is left,
        // so the sustained rate below includes moving every record (warm-up included) into the database.
        var stored = await audit.Store.CountAsync();
        var indexed = stop.Elapsed.TotalSeconds;
        Console.WriteLine($"throughput store={audit.Store.Description} sync={(options.FullSync ? "full" : "normal")} writers={writersCount} records={all.Count} seconds={elapsed:F1} rate={all.Count / elapsed:F0} durable records/s");
        Console.WriteLine($"  in the database: {stored:N0} records {indexed - elapsed:F2} s after the run: sustained {all.Count / indexed:F0} records/s (durable and indexed, warm-up backlog included)");
        Console.WriteLine($"  RecordAsync latency: {Percentiles.Describe(all)}");
        Console.WriteLine($"  {commits.Describe()}");
        Console.WriteLine($"  pipeline {cpu.Describe(all.Count)} (until indexed)");
        Console.WriteLine($"  {gc.Describe()}");
        Console.WriteLine($"  (not counted: making an entry costs the benchmark {makeCpu:F1} us CPU; entries are reused from a pool of {entries.Length:N0})");
        return 0;
    }

    private static async Task<List<double>> Load(DecisionAudit audit, AuditEntry[] entries, int writers, int seconds)
    {
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[writers];
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            var i = w;
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                var t = Stopwatch.GetTimestamp();
                await audit.RecordAsync(entries[(i += writers) % entries.Length]);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        return [.. latencies.SelectMany(l => l)];
    }
}
