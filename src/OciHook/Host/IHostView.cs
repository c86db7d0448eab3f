namespace DockerGuard.OciHook.Host;

/// <summary>
/// What the translator compares a config with: the namespaces and capability bounding set of the
/// process the runtime runs hooks in. At createRuntime that process sits in the runtime's (normally
/// the host's) namespaces, so its own view is the reference (oci-hooks.md §3).
/// </summary>
public interface IHostView
{
    /// <summary>The hook's own namespace of an OCI namespace type (<c>network</c>, <c>mount</c>, …); null when unknown to the kernel.</summary>
    NamespaceId? OwnNamespace(string ociType);

    /// <summary>What a namespace path in config.json resolves to; null with a reason when it cannot be read.</summary>
    NamespaceId? Resolve(string path, out string? error);

    /// <summary>Capability names (without <c>CAP_</c>) in the host's bounding set; empty when unknown.</summary>
    IReadOnlySet<string> BoundingSet { get; }
}
