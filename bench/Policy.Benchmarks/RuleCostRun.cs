using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Policy.Benchmarks;

/// <summary>
/// <c>rules</c> mode: thread CPU time of each plan entry's check alone, per request, to find the rule
/// that dominates a slow decision. Checks run outside the evaluator (no scope, no exceptions).
/// </summary>
public static class RuleCostRun
{
    private const int Iterations = 20_000;

    public static int Run(string? only)
    {
        var bench = new DecisionBenchmarks();
        bench.LoadPolicy();
        var plan = bench.Plan;
        foreach (var scenario in DecisionBenchmarks.Requests().Where(s => only is null || s.Name.Contains(only, StringComparison.Ordinal)))
        {
            Console.WriteLine($"## {scenario.Name}");
            var costs = new List<(string Rule, double Ns)>();
            // Warm every check first and give tiered JIT time to install optimised code (it promotes in the background).
            for (var round = 0; round < 3; round++, Thread.Sleep(250))
                foreach (var entry in plan.Entries)
                    for (var i = 0; i < 2_000; i++) entry.Check.Check(scenario.Request, ViolationSink.For(entry.Info, entry.Action, entry.PolicyName));
            foreach (var entry in plan.Entries)
            {
                // A fresh sink per call (about 10 ns), so a denying rule's violations do not pile up across iterations.
                var start = ThreadCpuClock.NowNanoseconds();
                for (var i = 0; i < Iterations; i++) entry.Check.Check(scenario.Request, ViolationSink.For(entry.Info, entry.Action, entry.PolicyName));
                costs.Add((entry.Info.Id, (ThreadCpuClock.NowNanoseconds() - start) / (double)Iterations));
            }
            foreach (var (rule, ns) in costs.OrderByDescending(c => c.Ns)) Console.WriteLine($"{ns,8:N1} ns  {rule}");
            Console.WriteLine($"{costs.Sum(c => c.Ns),8:N1} ns  total over {costs.Count} entries");
        }
        return 0;
    }
}
