using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Tests.Support;

/// <summary>Published ports as the Docker adapter reports them (<c>-p [ip:]hostPort:containerPort</c>).</summary>
public static class Ports
{
    public static PortBinding Docker(int containerPort, string hostIp, int hostPort, string protocol = "tcp", int index = 0) =>
        new(containerPort, protocol, hostIp, hostPort, $"HostConfig.PortBindings.{containerPort}/{protocol}[{index}]");

    public static Func<Container, Container> With(params PortBinding[] ports) => c => c with { Ports = [.. c.Ports, .. ports] };
}
