using System.Collections.Immutable;

namespace DockerGuard.Policy.Model;

/// <summary>
/// The surface-neutral description of what a request asks for. Every surface adapter produces
/// one; the policy engine sees nothing else. Immutable: one instance may be evaluated by many
/// rules concurrently.
/// </summary>
public sealed record WorkloadRequest
{
    public required Surface Surface { get; init; }
    public required Operation Operation { get; init; }
    public Subject Subject { get; init; } = Subject.Anonymous;
    public ResourceRef Resource { get; init; } = ResourceRef.None;
    public Sandbox Sandbox { get; init; } = Sandbox.Default;
    /// <summary>Init, regular and ephemeral containers in one list; rules visit them all through it.</summary>
    public ImmutableArray<Container> Containers { get; init; } = [];
    public ExecRequest? Exec { get; init; }
    public PluginRequest? Plugin { get; init; }
}
