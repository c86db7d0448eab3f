using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class RestrictedVolumesCases : RuleCases
{
    public override string RuleId => "restricted-volumes";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("hostPath", Requests.Pod(sandbox: Mounts.Volumes(Mounts.HostPathVolume("data", "/mnt/data"))), "spec.volumes[0].hostPath"),
        new("nfs after an allowed volume", Requests.Pod(sandbox: Mounts.Volumes(Mounts.PodVolume("cfg", "configMap"), Mounts.PodVolume("share", "nfs", 1))), "spec.volumes[1]"),
        new("gitRepo", Requests.Pod(sandbox: Mounts.Volumes(Mounts.PodVolume("src", "gitRepo"))), "spec.volumes[0]"),
        new("no source at all", Requests.Pod(sandbox: Mounts.Volumes(Mounts.PodVolume("empty", ""))), "spec.volumes[0]"),
        new("wrong case EmptyDir is not emptyDir", Requests.Pod(sandbox: Mounts.Volumes(Mounts.PodVolume("x", "EmptyDir"))), "spec.volumes[0]"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("pod default", Requests.Pod()),
        new("every allowed type", Requests.Pod(sandbox: Mounts.Volumes(
            Mounts.PodVolume("a", "configMap", 0), Mounts.PodVolume("b", "csi", 1), Mounts.PodVolume("c", "downwardAPI", 2),
            Mounts.PodVolume("d", "emptyDir", 3), Mounts.PodVolume("e", "ephemeral", 4), Mounts.PodVolume("f", "image", 5),
            Mounts.PodVolume("g", "persistentVolumeClaim", 6), Mounts.PodVolume("h", "projected", 7), Mounts.PodVolume("i", "secret", 8)))),
    ];
}
