using System.Collections.Immutable;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Policy.Files;

/// <summary>The outcome of loading a policy directory: a plan, or the errors that prevented one.</summary>
public sealed record PolicyLoadResult
{
    public required string Directory { get; init; }
    /// <summary>Null when any file had an error: a broken directory never yields a plan.</summary>
    public CompiledPolicy? Plan { get; init; }
    public ImmutableArray<PolicyDocument> Documents { get; init; } = [];
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];
    /// <summary>The files read, in the order they were read.</summary>
    public ImmutableArray<string> Files { get; init; } = [];

    public bool Succeeded => Plan is not null;
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
