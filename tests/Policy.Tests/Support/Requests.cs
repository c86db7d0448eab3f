using System.Collections.Immutable;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Tests.Support;

/// <summary>
/// Builders for WorkloadRequests in the shape each surface adapter produces, with the field
/// paths that surface uses. Rule cases start from these and change one thing.
/// </summary>
public static class Requests
{
    /// <summary>A plain <c>docker create</c>: one regular container, runtime defaults everywhere.</summary>
    public static WorkloadRequest Docker(Func<Container, Container>? container = null, Func<Sandbox, Sandbox>? sandbox = null) => new()
    {
        Surface = Surface.Docker,
        Operation = Operation.Create,
        Resource = new ResourceRef { Kind = "Container", Name = "test" },
        Sandbox = (sandbox ?? (s => s))(new Sandbox
        {
            Namespaces = AllPrivate(Surface.Docker),
        }),
        Containers = [(container ?? (c => c))(new Container { Name = "test", Image = Field.Of("bb:latest", "Image") })],
    };

    /// <summary>A <c>docker exec</c> into a running container.</summary>
    public static WorkloadRequest DockerExec(Func<ExecRequest, ExecRequest> exec) => new()
    {
        Surface = Surface.Docker,
        Operation = Operation.Exec,
        Resource = new ResourceRef { Kind = "Container", Name = "running" },
        Exec = exec(new ExecRequest { Container = "running", Command = ["sh"] }),
    };

    /// <summary>A Pod CREATE with one regular container named "app" at spec.containers[0].</summary>
    public static WorkloadRequest Pod(Func<Container, Container>? container = null, Func<Sandbox, Sandbox>? sandbox = null, string ns = "default") => new()
    {
        Surface = Surface.Kubernetes,
        Operation = Operation.Create,
        Resource = new ResourceRef { Kind = "Pod", Namespace = ns, Name = "test" },
        Sandbox = (sandbox ?? (s => s))(new Sandbox
        {
            Namespaces = AllPrivate(Surface.Kubernetes) with { User = NamespaceSetting.HostByDefault("spec.hostUsers") },
        }),
        Containers = [(container ?? (c => c))(PodContainer("app", ContainerKind.Regular, 0))],
    };

    /// <summary>A Pod with an init, a regular and an ephemeral container, each shaped by <paramref name="each"/>.</summary>
    public static WorkloadRequest PodWithAllKinds(Func<Container, Container> init, Func<Container, Container>? regular = null, Func<Container, Container>? ephemeral = null) =>
        Pod() with
        {
            Containers =
            [
                init(PodContainer("init", ContainerKind.Init, 0)),
                (regular ?? (c => c))(PodContainer("app", ContainerKind.Regular, 0)),
                (ephemeral ?? (c => c))(PodContainer("debugger", ContainerKind.Ephemeral, 0)),
            ],
        };

    public static Container PodContainer(string name, ContainerKind kind, int index)
    {
        var list = kind switch
        {
            ContainerKind.Init => "initContainers",
            ContainerKind.Ephemeral => "ephemeralContainers",
            _ => "containers",
        };
        var path = $"spec.{list}[{index}]";
        return new Container { Name = name, Kind = kind, Path = path, Image = Field.Of("registry.example/app:1.0", path + ".image") };
    }

    /// <summary>An OCI createRuntime of a podman default container (namespaces pid, network, ipc, uts, mount; host user and cgroup).</summary>
    public static WorkloadRequest Oci(Func<Container, Container>? container = null, Func<Sandbox, Sandbox>? sandbox = null) => new()
    {
        Surface = Surface.Oci,
        Operation = Operation.Create,
        Resource = new ResourceRef { Kind = "Container", Id = "0123456789ab" },
        Sandbox = (sandbox ?? (s => s))(new Sandbox
        {
            Namespaces = AllPrivate(Surface.Oci) with
            {
                User = NamespaceSetting.HostByDefault("linux.namespaces"),
                Cgroup = NamespaceSetting.HostByDefault("linux.namespaces"),
            },
        }),
        Containers = [(container ?? (c => c))(new Container
        {
            Name = "0123456789ab",
            Image = Field.Of("localhost/bb:latest", "annotations"),
            Security = new ProcessSecurity { Seccomp = new Seccomp(SeccompKind.Inline, "linux.seccomp") },
        })],
    };

    /// <summary>Every namespace private, with the field paths the given surface reports.</summary>
    public static Namespaces AllPrivate(Surface surface) => surface switch
    {
        Surface.Kubernetes => new()
        {
            Network = NamespaceSetting.Private("spec.hostNetwork"),
            Pid = NamespaceSetting.Private("spec.hostPID"),
            Ipc = NamespaceSetting.Private("spec.hostIPC"),
            Uts = NamespaceSetting.Private("spec"),
            User = NamespaceSetting.Private("spec.hostUsers"),
            Cgroup = NamespaceSetting.Private("spec"),
        },
        Surface.Oci => new()
        {
            Network = NamespaceSetting.Private("linux.namespaces"),
            Pid = NamespaceSetting.Private("linux.namespaces"),
            Ipc = NamespaceSetting.Private("linux.namespaces"),
            Uts = NamespaceSetting.Private("linux.namespaces"),
            User = NamespaceSetting.Private("linux.namespaces"),
            Cgroup = NamespaceSetting.Private("linux.namespaces"),
        },
        _ => new()
        {
            Network = NamespaceSetting.Private("HostConfig.NetworkMode"),
            Pid = NamespaceSetting.Private("HostConfig.PidMode"),
            Ipc = NamespaceSetting.Private("HostConfig.IpcMode"),
            Uts = NamespaceSetting.Private("HostConfig.UTSMode"),
            User = NamespaceSetting.Private("HostConfig.UsernsMode"),
            Cgroup = NamespaceSetting.Private("HostConfig.CgroupnsMode"),
        },
    };

    public static ImmutableArray<Field<string>> Strings(string pathPrefix, params string[] values) =>
        [.. values.Select((v, i) => Field.Of(v, $"{pathPrefix}[{i}]"))];
}
