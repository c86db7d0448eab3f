namespace DockerGuard.Audit.Query;

/// <summary>Filters for <c>audit query</c>, <c>tail</c>, <c>stats</c> and <c>export</c>; null means any. Every filter is backed by an index.</summary>
public sealed record AuditQuery
{
    public string? Decision { get; init; }
    public string? Rule { get; init; }
    public string? Surface { get; init; }
    public string? User { get; init; }
    public string? Namespace { get; init; }
    /// <summary>Exact reference, a repository without tag (<c>nginx</c> matches <c>nginx:1.27</c>), or a <c>*</c> pattern.</summary>
    public string? Image { get; init; }
    public string? Host { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    /// <summary>Only records with an id greater than this (tail --follow).</summary>
    public string? AfterId { get; init; }
    public int? Limit { get; init; }
    public bool Ascending { get; init; }
}
