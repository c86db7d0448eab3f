namespace DockerGuard.Policy.Model;

/// <summary>
/// A container port published on the host. <see cref="HostIp"/> empty means all interfaces;
/// <see cref="HostPort"/> 0 means "any free port" (Docker) or "not published" (Kubernetes hostPort unset).
/// </summary>
public readonly record struct PortBinding(int ContainerPort, string Protocol, string HostIp, int HostPort, string Path)
{
    public bool OnAllInterfaces => HostIp is "" or "0.0.0.0" or "::" or "[::]";
}
