using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Benchmarks;

/// <summary>One named request; BenchmarkDotNet prints the argument with ToString.</summary>
public sealed record Scenario(string Name, WorkloadRequest Request)
{
    public override string ToString() => Name;
}
