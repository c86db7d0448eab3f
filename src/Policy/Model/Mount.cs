namespace DockerGuard.Policy.Model;

public enum MountKind
{
    /// <summary>A host path bound into the container (Docker bind, OCI bind, local-driver volume with <c>o=bind</c>).</summary>
    Bind,
    /// <summary>Kubernetes hostPath volume mounted into the container.</summary>
    HostPath,
    /// <summary>A named or managed volume that lives in the runtime's storage.</summary>
    Volume,
    Tmpfs,
    /// <summary>Anything else (configMap, secret, projected, proc, sysfs…).</summary>
    Other,
}

/// <summary>
/// Mount propagation normalised across surfaces: Docker/OCI <c>private</c>/<c>rprivate</c> and
/// Kubernetes <c>None</c> are Private; <c>slave</c>/<c>rslave</c>/<c>HostToContainer</c> are
/// HostToContainer; <c>shared</c>/<c>rshared</c>/<c>Bidirectional</c> are Bidirectional.
/// </summary>
public enum Propagation
{
    Private,
    HostToContainer,
    Bidirectional,
}

/// <summary>
/// One mount into a container. <see cref="Source"/> is the host path for Bind and HostPath mounts
/// (after the adapter's path cleaning), the volume name otherwise. <see cref="PropagationAsWritten"/>
/// keeps the user's spelling for messages (<c>rshared</c>, <c>Bidirectional</c>).
/// </summary>
public sealed record Mount
{
    public required MountKind Kind { get; init; }
    public required string Source { get; init; }
    public required string Target { get; init; }
    public required string Path { get; init; }
    public bool ReadOnly { get; init; }
    public Propagation Propagation { get; init; } = Propagation.Private;
    public string? PropagationAsWritten { get; init; }
    /// <summary>
    /// The runtime added this mount for the container's own files, not the user (Docker's
    /// <c>/etc/hosts</c>, <c>/etc/resolv.conf</c>, <c>/etc/hostname</c> from
    /// <c>/var/lib/docker/containers/&lt;id&gt;/</c>, podman's <c>userdata</c> files): host-path rules skip
    /// it. Only an adapter that can prove it (the OCI adapter, from the container's own id) sets it.
    /// </summary>
    public bool RuntimeProvided { get; init; }

    public bool IsHostPath => Kind is MountKind.Bind or MountKind.HostPath;
}
