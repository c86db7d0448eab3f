namespace DockerGuard.Policy.Model;

/// <summary>
/// A pod-level volume (Kubernetes <c>spec.volumes[*]</c>). <see cref="Type"/> is the volume source's
/// field name as Kubernetes spells it (<c>hostPath</c>, <c>configMap</c>, <c>emptyDir</c>…), or empty
/// when no source is set. Docker and OCI express host access as container mounts instead.
/// </summary>
public readonly record struct Volume(string Name, string Type, string? HostPath, string Path);
