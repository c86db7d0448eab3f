using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class MountPropagationSharedCases : RuleCases
{
    public override string RuleId => "mount-propagation-shared";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker -v /srv/data:/data:rshared", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/data", "/data", Propagation.Bidirectional, "rshared"))), "HostConfig.Binds[0]"),
        new("docker --mount bind-propagation=shared", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/data", "/data2", Propagation.Bidirectional, "shared", index: 1))), "HostConfig.Binds[1]"),
        new("docker shared on a named volume", Requests.Docker(Mounts.With(Mounts.DockerVolume("data") with { Propagation = Propagation.Bidirectional, PropagationAsWritten = "rshared" })), "HostConfig.Binds[0]"),
        new("pod Bidirectional", Requests.Pod(Mounts.With(c => Mounts.PodHostPath(c, "/srv", "/srv", Propagation.Bidirectional, "Bidirectional"))), "spec.containers[0].volumeMounts[0]"),
        new("pod Bidirectional on emptyDir", Requests.Pod(Mounts.With(c => Mounts.PodOther(c, "scratch", "/scratch", Propagation.Bidirectional, "Bidirectional"))), "spec.containers[0].volumeMounts[0]"),
        new("init container Bidirectional", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodHostPath(c, "/srv", "/srv", Propagation.Bidirectional, "Bidirectional"))), "spec.initContainers[0].volumeMounts[0]"),
        new("ephemeral container Bidirectional", Requests.PodWithAllKinds(c => c, ephemeral: Mounts.With(c => Mounts.PodOther(c, "scratch", "/s", Propagation.Bidirectional, "Bidirectional"))), "spec.ephemeralContainers[0].volumeMounts[0]"),
        new("oci mounts[] rshared", Requests.Oci(Mounts.With(Mounts.OciBind("/srv/data", "/x", Propagation.Bidirectional, "rshared"))), "mounts[0]"),
        new("oci linux.rootfsPropagation shared", Requests.Oci(Mounts.With(new Mount { Kind = MountKind.Other, Source = "rootfs", Target = "/", Path = "linux.rootfsPropagation", Propagation = Propagation.Bidirectional, PropagationAsWritten = "shared" })), "linux.rootfsPropagation"),
        new("spelling lost by the adapter still flagged", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv", "/srv", Propagation.Bidirectional))), "HostConfig.Binds[0]"),
        new RuleCase("docker :rslave when HostToContainer is denied", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv", "/srv", Propagation.HostToContainer, "rslave"))), "HostConfig.Binds[0]")
            .With("denyHostToContainer", true),
        new RuleCase("pod HostToContainer when denied", Requests.Pod(Mounts.With(c => Mounts.PodHostPath(c, "/srv", "/srv", Propagation.HostToContainer, "HostToContainer"))), "spec.containers[0].volumeMounts[0]")
            .With("denyHostToContainer", true),
        new RuleCase("oci rootfsPropagation rslave when denied", Requests.Oci(Mounts.With(new Mount { Kind = MountKind.Other, Source = "rootfs", Target = "/", Path = "linux.rootfsPropagation", Propagation = Propagation.HostToContainer, PropagationAsWritten = "rslave" })), "linux.rootfsPropagation")
            .With("denyHostToContainer", true),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker private bind", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/data", "/data", Propagation.Private, "rprivate")))),
        new("docker :rslave by default", Requests.Docker(Mounts.With(Mounts.DockerBind("/srv/data", "/data", Propagation.HostToContainer, "rslave")))),
        new("pod None", Requests.Pod(Mounts.With(c => Mounts.PodHostPath(c, "/srv", "/srv", Propagation.Private, "None")))),
        new("pod HostToContainer by default", Requests.Pod(Mounts.With(c => Mounts.PodHostPath(c, "/srv", "/srv", Propagation.HostToContainer, "HostToContainer")))),
        new("every kind private", Requests.PodWithAllKinds(Mounts.With(c => Mounts.PodOther(c, "a")), Mounts.With(c => Mounts.PodOther(c, "b")), Mounts.With(c => Mounts.PodOther(c, "c")))),
        new("oci default", Requests.Oci()),
        new("oci rprivate runtime mounts", Requests.Oci(Mounts.With(Mounts.OciBind("/run/containers/storage/x/userdata/hosts", "/etc/hosts", Propagation.Private, "rprivate", runtimeProvided: true)))),
    ];
}
