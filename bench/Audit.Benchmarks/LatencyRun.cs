using System.Diagnostics;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// Open loop: decisions arrive at a fixed rate (as requests would, in the small bursts a 1 ms timer
/// gives), each measured from its RecordAsync call to its return: the latency the audit trail adds
/// to a decision. Entries are made beforehand, and --warmup seconds at the same rate run first.
/// </summary>
public static class LatencyRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var rate = options.Int("rate", 2000);
        var seconds = options.Int("seconds", 10);
        var entries = SyntheticEntries.Pool(out _);
        await using var audit = await DecisionAudit.StartAsync(new AuditOptions { Store = options.Store, Host = "bench", SqliteFullSync = options.FullSync, Retention = options.Retention });
        await Paced(audit, entries, rate, rate * options.Int("warmup", 2));
        using var commits = new CommitMeter();
        var cpu = new CpuMeter();
        var gc = new GcMeter();
        var clock = Stopwatch.StartNew();
        var samples = await Paced(audit, entries, rate, rate * seconds);
        var actual = samples.Count / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"latency store={audit.Store.Description} sync={(options.FullSync ? "full" : "normal")} target={rate}/s achieved={actual:F0}/s");
        Console.WriteLine($"  added latency per decision: {Percentiles.Describe(samples)}");
        Console.WriteLine($"  {commits.Describe()}");
        Console.WriteLine($"  pipeline {cpu.Describe(samples.Count)}");
        Console.WriteLine($"  {gc.Describe()}");
        return 0;
    }

    private static async Task<List<double>> Paced(DecisionAudit audit, AuditEntry[] entries, int rate, int total)
    {
        var samples = new double[total];
        var pending = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var tick = Stopwatch.Frequency / (double)rate;
        for (var i = 0; i < total; i++)
        {
            var due = (long)(i * tick);
            while (clock.ElapsedTicks < due)
            {
                // Sleep, never spin or yield-loop: on 2 cores a busy generator takes the core the commit thread
                // needs, and the run would measure the generator starving the store. The timer wakes about
                // every millisecond and sends what is due (two at 2,000/s); latency counts from each call.
                await Task.Delay(1);
            }
            pending.Add(Record(audit, entries[i % entries.Length], i, Stopwatch.GetTimestamp(), samples));
        }
        await Task.WhenAll(pending);
        return [.. samples];
    }

    private static async Task Record(DecisionAudit audit, AuditEntry entry, int i, long arrived, double[] samples)
    {
        await audit.RecordAsync(entry);
        samples[i] = Stopwatch.GetElapsedTime(arrived).TotalMilliseconds;
    }
}
