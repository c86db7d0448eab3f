namespace DockerGuard.Policy.Catalog;

/// <summary>
/// Where a rule comes from. CIS ids are given in both numberings in use: v1.2 (what docker-bench
/// printed until 2023 and most audits still cite) and v1.6 (section 5 shifted by one when swarm
/// moved to 5.1). See shared/reference/docker-authz.md §11.
/// </summary>
public sealed record References
{
    public static readonly References None = new();

    public string? CisV12 { get; init; }
    public string? CisV16 { get; init; }
    /// <summary>DISA Docker Enterprise 2.x STIG Vuln ID (V-2358xx).</summary>
    public string? Stig { get; init; }
    /// <summary>pod-security-admission check id (<c>privileged</c>, <c>hostNamespaces</c>, …).</summary>
    public string? PssCheck { get; init; }
    public PssLevel? PssLevel { get; init; }

    /// <summary>The short form used in one-line messages: "CIS 5.4" (v1.2 numbering, as the seeds use it).</summary>
    public string? ShortLabel => CisV12 is not null ? $"CIS {CisV12}" : PssCheck is not null ? $"PSS {PssCheck}" : null;
}
