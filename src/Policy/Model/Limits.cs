namespace DockerGuard.Policy.Model;

/// <summary>
/// Resource limits. Adapters normalise "unlimited" spellings (Docker 0 / -1, OCI -1, absent) to null,
/// so null always means "no limit".
/// </summary>
public sealed record Limits
{
    public static readonly Limits None = new();

    public Field<long>? MemoryBytes { get; init; }
    /// <summary>Memory + swap in bytes; -1 kept as written (unlimited swap).</summary>
    public Field<long>? MemorySwapBytes { get; init; }
    public Field<long>? Pids { get; init; }
    public Field<long>? CpuShares { get; init; }
    /// <summary>Hard CPU limit in billionths of a CPU (Docker NanoCpus, Kubernetes limits.cpu).</summary>
    public Field<long>? NanoCpus { get; init; }
}
