using System.Diagnostics;
using DockerGuard.Admission.Review;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Admission.Load;

/// <summary>
/// The review path without HTTP or TLS, in this process: decode, translate, evaluate, compose, per
/// fixture. What is left of the served latency above this is Kestrel, TLS and the network stack.
/// </summary>
public static class HandlerRun
{
    public static async Task RunAsync(PolicyStore policy, IReadOnlyList<(string Name, byte[] Body)> corpus, int iterations)
    {
        var handler = new ReviewHandler(policy, NoDecisionAudit.Instance);
        for (var i = 0; i < 20 * corpus.Count; i++) await handler.HandleAsync(corpus[i % corpus.Count].Body, CancellationToken.None);
        var all = new List<double>();
        var perFixture = new List<(string Name, double Median)>();
        foreach (var (name, body) in corpus)
        {
            var samples = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await handler.HandleAsync(body, CancellationToken.None);
                samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            all.AddRange(samples);
            Array.Sort(samples);
            perFixture.Add((name, Percentiles.Of(samples, 0.5)));
        }
        Console.WriteLine($"review handler in process (no HTTP/TLS), {iterations} per fixture: {Percentiles.Describe([.. all])}");
        var slowest = perFixture.MaxBy(f => f.Median);
        Console.WriteLine($"  slowest fixture by median: {slowest.Name} {slowest.Median * 1000:F0} µs");
    }
}
