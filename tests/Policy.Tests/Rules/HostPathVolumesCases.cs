using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostPathVolumesCases : RuleCases
{
    public override string RuleId => "host-path-volumes";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("pod hostPath volume", Requests.Pod(sandbox: Mounts.Volumes(Mounts.HostPathVolume("data", "/mnt/data"))), "spec.volumes[0].hostPath"),
        new("pod second volume is hostPath", Requests.Pod(sandbox: Mounts.Volumes(Mounts.PodVolume("cfg", "configMap"), Mounts.HostPathVolume("data", "/mnt/data", 1))), "spec.volumes[1].hostPath"),
        new("pod hostPath volume used by an init container", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodHostPath(c, "/mnt/data"))) with
        {
            Sandbox = Requests.Pod().Sandbox with { Volumes = [Mounts.HostPathVolume("data", "/mnt/data")] },
        }, "spec.volumes[0].hostPath"),
        new("docker bind mount", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/data"))), "HostConfig.Binds[0]"),
        new("oci bind mount", Requests.Oci(Mounts.With(Mounts.OciBind("/srv/data", index: 4))), "mounts[4]"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("pod default", Requests.Pod()),
        new("pod emptyDir and configMap", Requests.Pod(sandbox: Mounts.Volumes(Mounts.PodVolume("scratch", "emptyDir"), Mounts.PodVolume("cfg", "configMap", 1)))),
        new("every kind mounts an emptyDir", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodOther(c, "a")), Mounts.With(c => Mounts.PodOther(c, "a")), Mounts.With(c => Mounts.PodOther(c, "a")))),
        new("docker named volume", Requests.Docker(Mounts.With(Mounts.DockerVolume("data")))),
        new("docker default", Requests.Docker()),
        new("oci runtime-provided binds", Requests.Oci(Mounts.With(Mounts.OciBind("/var/lib/docker/containers/ef64/resolv.conf", "/etc/resolv.conf", runtimeProvided: true)))),
    ];
}
