using System.Collections.Immutable;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Benchmarks;

/// <summary>Requests written directly in the model: the allow path, the deny-heavy path, and a pod of ten.</summary>
public static class HandBuiltRequests
{
    /// <summary>A container that passes every rule of the default policy (the plugin's "docker run --read-only --user 1000 ..." case).</summary>
    public static Container Hardened(string name, string path = "", ContainerKind kind = ContainerKind.Regular) => new()
    {
        Name = name,
        Kind = kind,
        Path = path,
        Image = Field.Of("registry.example/app:1.0", Prefix(path, "image")),
        Security = new ProcessSecurity
        {
            User = Field.Of("1000:1000", Prefix(path, "User")),
            Seccomp = new Seccomp(SeccompKind.RuntimeDefault, Prefix(path, "securityContext.seccompProfile")),
        },
        AllowPrivilegeEscalation = Field.Of(false, Prefix(path, "securityContext.allowPrivilegeEscalation")),
        ReadOnlyRootFilesystem = Field.Of(true, Prefix(path, "securityContext.readOnlyRootFilesystem")),
        CapDrop = [Field.Of("ALL", Prefix(path, "securityContext.capabilities.drop[0]"))],
        Limits = new Limits
        {
            MemoryBytes = Field.Of(64L << 20, Prefix(path, "resources.limits.memory")),
            Pids = Field.Of(100L, Prefix(path, "PidsLimit")),
            CpuShares = Field.Of(512L, Prefix(path, "CpuShares")),
        },
        Mounts = [new Mount { Kind = MountKind.Volume, Source = "data", Target = "/data", Path = Prefix(path, "volumeMounts[0]") }],
        EnvNames = ["APP_MODE", "APP_TOKEN"],
    };

    public static WorkloadRequest PlainHardened { get; } = new()
    {
        Surface = Surface.Docker,
        Operation = Operation.Create,
        Subject = new Subject { User = "ci-deployer" },
        Resource = new ResourceRef { Kind = "Container", Name = "app" },
        Containers = [Hardened("app")],
    };

    /// <summary>Everything the mission denies at once: privileged, every host namespace, ALL caps, the Docker socket, / bound.</summary>
    public static WorkloadRequest DenyHeavy { get; } = new()
    {
        Surface = Surface.Docker,
        Operation = Operation.Create,
        Resource = new ResourceRef { Kind = "Container", Name = "escape" },
        Sandbox = new Sandbox
        {
            Namespaces = new Namespaces
            {
                Network = NamespaceSetting.Host("HostConfig.NetworkMode"),
                Pid = NamespaceSetting.Host("HostConfig.PidMode"),
                Ipc = NamespaceSetting.Host("HostConfig.IpcMode"),
                Uts = NamespaceSetting.Host("HostConfig.UTSMode"),
                User = NamespaceSetting.Host("HostConfig.UsernsMode"),
                Cgroup = NamespaceSetting.Host("HostConfig.CgroupnsMode"),
            },
        },
        Containers =
        [
            new Container
            {
                Name = "escape",
                Image = Field.Of("busybox", "Image"),
                Privileged = Field.Of(true, "HostConfig.Privileged"),
                Security = new ProcessSecurity { User = Field.Of("root", "User") },
                CapAdd = [Field.Of("ALL", "HostConfig.CapAdd[0]")],
                Mounts =
                [
                    new Mount { Kind = MountKind.Bind, Source = "/", Target = "/host", Path = "HostConfig.Binds[0]", Propagation = Propagation.Bidirectional, PropagationAsWritten = "rshared" },
                    new Mount { Kind = MountKind.Bind, Source = "/var/run/docker.sock", Target = "/var/run/docker.sock", Path = "HostConfig.Binds[1]" },
                ],
                Ports = [new PortBinding(80, "tcp", "", 80, "HostConfig.PortBindings[80/tcp][0]")],
            },
        ],
    };

    /// <summary>A Deployment-sized pod: one init container and nine app containers, all hardened.</summary>
    public static WorkloadRequest PodOfTen { get; } = new()
    {
        Surface = Surface.Kubernetes,
        Operation = Operation.Create,
        Subject = new Subject { User = "system:serviceaccount:kube-system:replicaset-controller" },
        Resource = new ResourceRef { Kind = "Pod", Namespace = "shop", Name = "web-7d9f" },
        Sandbox = new Sandbox
        {
            PodSecurity = new ProcessSecurity { RunAsNonRoot = Field.Of(true, "spec.securityContext.runAsNonRoot") },
        },
        Containers =
        [
            Hardened("migrate", "spec.initContainers[0]", ContainerKind.Init),
            .. Enumerable.Range(0, 9).Select(i => Hardened($"app-{i}", $"spec.containers[{i}]")),
        ],
    };

    private static string Prefix(string path, string field) => path.Length == 0 ? field : path + "." + field;
}
