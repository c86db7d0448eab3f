using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Tests.Support;

/// <summary>
/// Mounts and volumes in the shape each adapter produces, with that surface's field paths, for the
/// mount rules' cases. Sources are passed through as written: cleaning them is the rules' job.
/// </summary>
public static class Mounts
{
    /// <summary><c>-v src:dst[:mode]</c>, the first entry of HostConfig.Binds.</summary>
    public static Mount DockerBind(string source, string target = "/data", Propagation propagation = Propagation.Private, string? asWritten = null, bool readOnly = false, int index = 0) => new()
    {
        Kind = MountKind.Bind,
        Source = source,
        Target = target,
        Path = $"HostConfig.Binds[{index}]",
        Propagation = propagation,
        PropagationAsWritten = asWritten,
        ReadOnly = readOnly,
    };

    /// <summary><c>-v name:dst</c>: a named volume (a source that is not absolute).</summary>
    public static Mount DockerVolume(string name, string target = "/data") => new()
    {
        Kind = MountKind.Volume,
        Source = name,
        Target = target,
        Path = "HostConfig.Binds[0]",
    };

    /// <summary>A volumeMount of container <paramref name="container"/> using a hostPath volume.</summary>
    public static Mount PodHostPath(Container container, string source, string target = "/data", Propagation propagation = Propagation.Private, string? asWritten = null) => new()
    {
        Kind = MountKind.HostPath,
        Source = source,
        Target = target,
        Path = $"{container.Path}.volumeMounts[0]",
        Propagation = propagation,
        PropagationAsWritten = asWritten,
    };

    /// <summary>A volumeMount of an emptyDir/configMap volume.</summary>
    public static Mount PodOther(Container container, string volume, string target = "/data", Propagation propagation = Propagation.Private, string? asWritten = null) => new()
    {
        Kind = MountKind.Other,
        Source = volume,
        Target = target,
        Path = $"{container.Path}.volumeMounts[0]",
        Propagation = propagation,
        PropagationAsWritten = asWritten,
    };

    /// <summary>An OCI <c>mounts[i]</c> entry of type bind.</summary>
    public static Mount OciBind(string source, string target = "/data", Propagation propagation = Propagation.Private, string? asWritten = null, int index = 0, bool runtimeProvided = false) => new()
    {
        Kind = MountKind.Bind,
        Source = source,
        Target = target,
        Path = $"mounts[{index}]",
        Propagation = propagation,
        PropagationAsWritten = asWritten,
        RuntimeProvided = runtimeProvided,
    };

    public static Volume HostPathVolume(string name, string hostPath, int index = 0) => new(name, "hostPath", hostPath, $"spec.volumes[{index}].hostPath");

    public static Volume PodVolume(string name, string type, int index = 0) => new(name, type, null, $"spec.volumes[{index}]");

    public static Func<Container, Container> With(params Mount[] mounts) => c => c with { Mounts = [.. c.Mounts, .. mounts] };

    public static Func<Container, Container> With(Func<Container, Mount> mount) => c => c with { Mounts = [.. c.Mounts, mount(c)] };

    public static Func<Sandbox, Sandbox> Volumes(params Volume[] volumes) => s => s with { Volumes = [.. s.Volumes, .. volumes] };
}
