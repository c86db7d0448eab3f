using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Policy.Benchmarks;

/// <summary>
/// <c>cpu</c> mode: each request evaluated in batches of <see cref="BatchSize"/>; per batch the thread's
/// CPU time divided by the batch size is one sample. Prints median and p99 of the samples and the
/// bytes allocated per decision, as a Markdown table. Complements the BenchmarkDotNet run when the
/// machine is shared (wall-clock then includes time spent waiting for a core).
/// </summary>
public static class CpuTimeRun
{
    private const int BatchSize = 2_000;
    private const int Batches = 200;

    public static int Run()
    {
        var bench = new DecisionBenchmarks();
        bench.LoadPolicy();
        Console.WriteLine("| request | decision (violations) | median CPU ns/decision | p99 CPU ns/decision | allocated B/decision |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var scenario in DecisionBenchmarks.Requests())
        {
            var decision = bench.Evaluate(scenario);
            for (var i = 0; i < BatchSize * 5; i++) bench.Evaluate(scenario); // warm-up: tiered JIT reaches tier 1
            var samples = new double[Batches];
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var b = 0; b < Batches; b++)
            {
                var start = ThreadCpuClock.NowNanoseconds();
                for (var i = 0; i < BatchSize; i++) bench.Evaluate(scenario);
                samples[b] = (ThreadCpuClock.NowNanoseconds() - start) / (double)BatchSize;
            }
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)(BatchSize * Batches);
            Array.Sort(samples);
            var outcome = $"{decision.Outcome.ToString().ToLowerInvariant()} ({decision.Violations.Length})";
            Console.WriteLine($"| {scenario.Name} | {outcome} | {Percentile(samples, 50):N0} | {Percentile(samples, 99):N0} | {allocated:N0} |");
        }
        return 0;
    }

    private static double Percentile(double[] sorted, int p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];
}
