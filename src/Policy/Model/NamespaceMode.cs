namespace DockerGuard.Policy.Model;

/// <summary>
/// Whose namespace a workload ends up in. Adapters resolve runtime defaults into one of these;
/// rules never guess (an OCI config without a network entry IS the host's network).
/// </summary>
public enum NamespaceMode
{
    /// <summary>A namespace of its own.</summary>
    Private,
    /// <summary>The host's namespace.</summary>
    Host,
    /// <summary>Shared with another container (<c>container:x</c>, or an OCI path into another container's namespace).</summary>
    Container,
}
