using System.Diagnostics;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// Open loop: decisions arrive at a fixed rate (as requests would, in the small bursts a 1 ms timer
/// gives), each measured from its RecordAsync call to its return: the latency the audit trail adds
/// to a decision.
/// </summary>
public static class LatencyRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var rate = options.Int("rate", 2000);
        var seconds = options.Int("seconds", 10);
        await using var audit = await DecisionAudit.StartAsync(new AuditOptions { Store = options.Store, Host = "bench", SqliteFullSync = options.FullSync });
        for (var w = 0; w < 200; w++) await audit.RecordAsync(SyntheticEntries.Make(w));
        var total = rate * seconds;
        var samples = new double[total];
        var pending = new List<Task>(total);
        var cpu = new CpuMeter();
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
            var index = i;
            var arrived = Stopwatch.GetTimestamp();
            pending.Add(Record(audit, index, arrived, samples));
        }
        await Task.WhenAll(pending);
        var actual = total / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"latency store={audit.Store.Description} target={rate}/s achieved={actual:F0}/s");
        Console.WriteLine($"  added latency per decision: {Percentiles.Describe([.. samples])}");
        Console.WriteLine($"  {cpu.Describe(total)}");
        return 0;
    }

    private static async Task Record(DecisionAudit audit, int i, long arrived, double[] samples)
    {
        await audit.RecordAsync(SyntheticEntries.Make(i));
        samples[i] = Stopwatch.GetElapsedTime(arrived).TotalMilliseconds;
    }
}
