using BenchmarkDotNet.Attributes;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.Policy.Benchmarks;

/// <summary>
/// One <see cref="PolicyEngine.Evaluate"/> per operation against the plan compiled from the shipped
/// policies/ directory (every catalogue rule the default policy states). Target: median ≤ 2 µs and,
/// on the allow path, no allocation beyond the Decision itself.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private CompiledPolicy _plan = null!;

    public CompiledPolicy Plan => _plan;

    [GlobalSetup]
    public void LoadPolicy()
    {
        var loaded = PolicyDirectory.Load(RepositoryFiles.PolicyDirectory);
        _plan = loaded.Plan ?? throw new InvalidOperationException(
            "policies/ does not load: " + string.Join("; ", loaded.Errors.Select(e => e.ToString())));
    }

    public static IEnumerable<Scenario> Requests()
    {
        yield return new Scenario("plain-hardened (allow)", HandBuiltRequests.PlainHardened);
        yield return new Scenario("deny-heavy", HandBuiltRequests.DenyHeavy);
        yield return new Scenario("pod-of-10", HandBuiltRequests.PodOfTen);
        foreach (var fixture in DockerFixtureRequests.All()) yield return fixture;
    }

    [Benchmark]
    [ArgumentsSource(nameof(Requests))]
    public Decision Evaluate(Scenario request) => PolicyEngine.Evaluate(_plan, request.Request);
}
