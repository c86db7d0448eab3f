using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class DockerSocketMountCases : RuleCases
{
    public override string RuleId => "docker-socket-mount";

    private static RuleCase Bind(string name, string source) => new(name, Requests.Docker(Mounts.With(Mounts.DockerBind(source, "/var/run/docker.sock"))), "HostConfig.Binds[0]");

    public override IEnumerable<RuleCase> Deny =>
    [
        Bind("docker -v /var/run/docker.sock", "/var/run/docker.sock"),
        Bind("/run/docker.sock", "/run/docker.sock"),
        Bind("read-only does not help", "/run/docker.sock"),
        Bind("//var/run//docker.sock", "//var/run//docker.sock"),
        Bind("/var/run/./docker.sock", "/var/run/./docker.sock"),
        Bind("/var/log/../run/docker.sock", "/var/log/../run/docker.sock"),
        Bind("containerd socket", "/run/containerd/containerd.sock"),
        Bind("cri-o socket", "/var/run/crio/crio.sock"),
        Bind("podman socket", "/run/podman/podman.sock"),
        Bind("rootless docker socket anywhere", "/run/user/1000/docker.sock"),
        Bind("socket copied elsewhere", "/home/ci/.docker/run/docker.sock"),
        Bind("parent /var/run", "/var/run"),
        Bind("parent /var/run/", "/var/run/"),
        Bind("parent /run", "/run"),
        Bind("parent /run/containerd", "/run/containerd/"),
        Bind("parent /var/run/docker (dockerd's containerd)", "/var/run/docker"),
        Bind("parent /", "/"),
        new("pod hostPath socket", Requests.Pod(Mounts.With(c => Mounts.PodHostPath(c, "/var/run/docker.sock")), Mounts.Volumes(Mounts.HostPathVolume("sock", "/var/run/docker.sock"))), "spec.containers[0].volumeMounts[0]"),
        new("pod hostPath volume of /run mounted by nobody", Requests.Pod(sandbox: Mounts.Volumes(Mounts.HostPathVolume("run", "/run"))), "spec.volumes[0].hostPath"),
        new("init container containerd socket", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodHostPath(c, "/run/containerd/containerd.sock"))), "spec.initContainers[0].volumeMounts[0]"),
        new("ephemeral container /var/run", Requests.PodWithAllKinds(c => c, ephemeral: Mounts.With(c => Mounts.PodHostPath(c, "/var/run"))), "spec.ephemeralContainers[0].volumeMounts[0]"),
        new("oci bind of the docker socket", Requests.Oci(Mounts.With(Mounts.OciBind("/run/docker.sock", index: 2))), "mounts[2]"),
        new RuleCase("custom socket", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/k3s/containerd.sock"))), "HostConfig.Binds[0]")
            .With("sockets", new[] { "/srv/k3s/containerd.sock" }).With("socketNames", Array.Empty<string>()),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("data directory", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/data")))),
        new("/run/docker.sock.bak is not the socket", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/docker.sock.bak")))),
        new("/run/user/1000/app is not a runtime directory", Requests.Docker(Mounts.With(Mounts.DockerBind("/run/user/1000/app")))),
        // /var/run is an absolute symlink to /run: inside a bind of /var it resolves in the
        // container's root, not the host's (sensitive-host-mounts flags /var for /var/lib/docker).
        new("/var holds only the /var/run symlink, not the sockets", Requests.Docker(Mounts.With(Mounts.DockerBind("/var")))),
        new("/var/run-data is not /var/run", Requests.Docker(Mounts.With(Mounts.DockerBind("/var/run-data")))),
        new("named volume called docker.sock", Requests.Docker(Mounts.With(Mounts.DockerVolume("docker.sock")))),
        new("pod default", Requests.Pod()),
        new("pod emptyDir in every kind", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodOther(c, "a")), Mounts.With(c => Mounts.PodOther(c, "a")), Mounts.With(c => Mounts.PodOther(c, "a")))),
        new("oci default", Requests.Oci()),
        new("oci podman runtime-provided /run/.containerenv", Requests.Oci(Mounts.With(Mounts.OciBind("/run/containers/storage/vfs-containers/d8/userdata/.containerenv", "/run/.containerenv", runtimeProvided: true)))),
        new("oci podman userdata (not a runtime socket directory)", Requests.Oci(Mounts.With(Mounts.OciBind("/run/containers/storage/vfs-containers/d8/userdata/hosts", "/etc/hosts")))),
    ];
}
