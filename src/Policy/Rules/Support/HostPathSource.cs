using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules.Support;

/// <summary>
/// One place where a request hands a host path to its containers: a container's bind or hostPath
/// mount (<see cref="Container"/> set), or a pod hostPath volume that no container of the request
/// mounts (sandbox-level: an ephemeral container added later can still mount it).
/// <see cref="Source"/> is normalized with <see cref="HostPath.NormalizeSource"/>.
/// </summary>
public readonly record struct HostPathSource(Container? Container, string Source, string AsWritten, string FieldPath, string Noun, string? VolumeName = null)
{
    /// <summary>"bind mount of /etc", naming the source as the user wrote it. Built only when reporting.</summary>
    public string Describe() => VolumeName is null ? $"{Noun} of {AsWritten}" : $"{Noun} \"{VolumeName}\" of {AsWritten}";

    /// <summary>Every host path of the request, container mounts first, then unmounted pod volumes.</summary>
    public static HostPathSources In(WorkloadRequest request) => new(request);
}

/// <summary>
/// Allocation-free walk over <see cref="HostPathSource"/>s. Mounts the runtime adds for the
/// container's own files (<see cref="Mount.RuntimeProvided"/>) are not the user's choice and are skipped.
/// </summary>
public ref struct HostPathSources(WorkloadRequest request)
{
    private readonly WorkloadRequest _request = request;
    private int _container;
    private int _mount = -1;
    private int _volume = -1;

    public HostPathSource Current { get; private set; }

    public readonly HostPathSources GetEnumerator() => this;

    public bool MoveNext()
    {
        var containers = _request.Containers;
        while (_container < containers.Length)
        {
            var c = containers[_container];
            while (++_mount < c.Mounts.Length)
            {
                var m = c.Mounts[_mount];
                if (!m.IsHostPath || m.RuntimeProvided) continue;
                Current = new(c, HostPath.NormalizeSource(m.Source), m.Source, m.Path, m.Kind == MountKind.HostPath ? "hostPath mount" : "bind mount");
                return true;
            }
            _container++;
            _mount = -1;
        }

        var volumes = _request.Sandbox.Volumes;
        while (++_volume < volumes.Length)
        {
            var v = volumes[_volume];
            if (v.HostPath is not { } host) continue;
            var source = HostPath.NormalizeSource(host);
            if (MountedByAContainer(source)) continue;
            Current = new(null, source, host, v.Path, "hostPath volume", v.Name);
            return true;
        }
        return false;
    }

    /// <summary>A volume a container mounts is reported once, at that container's mount, so exceptions can match by container.</summary>
    private readonly bool MountedByAContainer(string source)
    {
        foreach (var c in _request.Containers)
            foreach (var m in c.Mounts)
                if (m.Kind == MountKind.HostPath && string.Equals(HostPath.NormalizeSource(m.Source), source, StringComparison.Ordinal))
                    return true;
        return false;
    }
}
