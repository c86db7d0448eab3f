using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class SensitiveHostMountsCases : RuleCases
{
    public override string RuleId => "sensitive-host-mounts";

    private static RuleCase Bind(string name, string source) => new(name, Requests.Docker(Mounts.With(Mounts.DockerBind(source))), "HostConfig.Binds[0]");

    public override IEnumerable<RuleCase> Deny =>
    [
        Bind("docker -v /etc:/host-etc", "/etc"),
        new("docker -v /etc:/host-etc:ro (reading /etc/shadow is enough)", Requests.Docker(Mounts.With(Mounts.DockerBind("/etc", readOnly: true))), "HostConfig.Binds[0]"),
        Bind("docker -v /:/host", "/"),
        Bind("root written //", "//"),
        Bind("root written /.", "/."),
        Bind("root written /..", "/.."),
        Bind("trailing slash /etc/", "/etc/"),
        Bind("double slash //etc", "//etc"),
        Bind("dot segments /etc/../etc", "/etc/../etc"),
        Bind("dot segments /usr/../etc/./", "/usr/../etc/./"),
        Bind("above the root /../../etc", "/../../etc"),
        Bind("under /etc", "/etc/kubernetes/pki"),
        Bind("under /proc", "/proc/1/root"),
        Bind("under /sys", "/sys/kernel/debug"),
        Bind("/boot", "/boot"),
        Bind("/dev", "/dev"),
        Bind("/lib", "/lib/modules"),
        Bind("/usr", "/usr"),
        Bind("/var/lib/docker", "/var/lib/docker"),
        Bind("/var/lib/docker/volumes/x/_data", "/var/lib/docker/volumes/x/_data"),
        Bind("parent /var exposes /var/lib/docker", "/var"),
        Bind("parent /var/lib exposes /var/lib/docker", "/var/lib/"),
        Bind("parent /run exposes /run/containerd", "/run"),
        Bind("parent /var/run is /run", "/var/run"),
        Bind("/run/containerd", "/run/containerd"),
        Bind("/var/run/containerd is /run/containerd (moby#36020)", "/var/run/containerd/io.containerd.runtime.v2.task"),
        Bind("/run/docker/plugins", "/run/docker/plugins"),
        Bind("/var/run/docker exposes /run/docker/plugins", "/var/run/docker"),
        new("docker second bind", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv"), Mounts.DockerBind("/etc/docker", index: 1))), "HostConfig.Binds[1]"),
        new("pod hostPath mount of /etc", Requests.Pod(Mounts.With(c => Mounts.PodHostPath(c, "/etc")), Mounts.Volumes(Mounts.HostPathVolume("etc", "/etc"))), "spec.containers[0].volumeMounts[0]"),
        new("pod hostPath volume mounted by nobody (an ephemeral container can mount it later)", Requests.Pod(sandbox: Mounts.Volumes(Mounts.HostPathVolume("root", "/"))), "spec.volumes[0].hostPath"),
        new("pod relative hostPath is taken from /", Requests.Pod(sandbox: Mounts.Volumes(Mounts.HostPathVolume("etc", "etc"))), "spec.volumes[0].hostPath"),
        new("init container hostPath /var/lib/docker", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodHostPath(c, "/var/lib/docker"))), "spec.initContainers[0].volumeMounts[0]"),
        new("ephemeral container hostPath /proc", Requests.PodWithAllKinds(c => c, ephemeral: Mounts.With(c => Mounts.PodHostPath(c, "/proc"))), "spec.ephemeralContainers[0].volumeMounts[0]"),
        new("oci bind of /etc", Requests.Oci(Mounts.With(Mounts.OciBind("/etc", index: 3))), "mounts[3]"),
        new RuleCase("policy path written with /var/run catches /run", Requests.Docker(Mounts.With(Mounts.DockerBind("/run/secrets-store"))), "HostConfig.Binds[0]")
            .With("paths", new[] { "/var/run/secrets-store" }),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker data directory", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/app/data")))),
        new("/ matches only itself, not everything", Requests.Docker(Mounts.With(Mounts.DockerBind("/home/app")))),
        new("/ETC is not /etc on Linux", Requests.Docker(Mounts.With(Mounts.DockerBind("/ETC")))),
        new("/etcetera is not under /etc", Requests.Docker(Mounts.With(Mounts.DockerBind("/etcetera")))),
        new("/var/lib/dockerd is not /var/lib/docker", Requests.Docker(Mounts.With(Mounts.DockerBind("/var/lib/docker-data")))),
        new("/var/runner is not /var/run", Requests.Docker(Mounts.With(Mounts.DockerBind("/var/runner")))),
        new("/var/log contains nothing sensitive", Requests.Docker(Mounts.With(Mounts.DockerBind("/var/log/app")))),
        new("named volume called etc", Requests.Docker(Mounts.With(Mounts.DockerVolume("etc")))),
        new("tmpfs at /etc inside the container", Requests.Docker(Mounts.With(new Mount { Kind = MountKind.Tmpfs, Source = "tmpfs", Target = "/etc", Path = "HostConfig.Tmpfs" }))),
        new("target /etc is not the host's /etc", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/etc", "/etc")))),
        new("pod default", Requests.Pod()),
        new("pod hostPath of a data dir", Requests.Pod(Mounts.With(c => Mounts.PodHostPath(c, "/mnt/data")), Mounts.Volumes(Mounts.HostPathVolume("data", "/mnt/data")))),
        new("every kind mounts emptyDir", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodOther(c, "a")), Mounts.With(c => Mounts.PodOther(c, "a")), Mounts.With(c => Mounts.PodOther(c, "a")))),
        new("oci default", Requests.Oci()),
        new("oci runtime-provided /etc/hosts from /var/lib/docker/containers", Requests.Oci(Mounts.With(Mounts.OciBind("/var/lib/docker/containers/ef64/hosts", "/etc/hosts", runtimeProvided: true)))),
        new RuleCase("policy without /etc", Requests.Docker(Mounts.With(Mounts.DockerBind("/etc")))).With("paths", new[] { "/proc" }),
    ];
}
