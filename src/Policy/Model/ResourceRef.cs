using System.Collections.Immutable;

namespace DockerGuard.Policy.Model;

/// <summary>The object the request is about.</summary>
public sealed record ResourceRef
{
    public static readonly ResourceRef None = new();

    /// <summary>"Container", "Pod", "Deployment", "Service", "Plugin", …</summary>
    public string Kind { get; init; } = "Container";
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    /// <summary>Container id when the surface knows it (Docker exec target, OCI id).</summary>
    public string? Id { get; init; }
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;
}
