using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class PrivilegedCases : RuleCases
{
    public override string RuleId => "privileged";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --privileged", Requests.Docker(c => c with { Privileged = Field.Of(true, "HostConfig.Privileged") }), "HostConfig.Privileged"),
        new("pod container privileged", Requests.Pod(c => c with { Privileged = Field.Of(true, "spec.containers[0].securityContext.privileged") }), "spec.containers[0].securityContext.privileged"),
        new("privileged init container", Requests.PodWithAllKinds(c => c with { Privileged = Field.Of(true, "spec.initContainers[0].securityContext.privileged") }), "spec.initContainers[0].securityContext.privileged"),
        new("privileged ephemeral container", Requests.PodWithAllKinds(c => c, ephemeral: c => c with { Privileged = Field.Of(true, "spec.ephemeralContainers[0].securityContext.privileged") }), "spec.ephemeralContainers[0].securityContext.privileged"),
        new("oci evidence of --privileged", Requests.Oci(c => c with { Privileged = Field.Of(true, "process.capabilities") }), "process.capabilities"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker privileged=false", Requests.Docker(c => c with { Privileged = Field.Of(false, "HostConfig.Privileged") })),
        new("pod default", Requests.Pod()),
        new("pod privileged=false in every kind", Requests.PodWithAllKinds(c => c with { Privileged = Field.Of(false, "x") }, c => c with { Privileged = Field.Of(false, "y") }, c => c with { Privileged = Field.Of(false, "z") })),
        new("oci default", Requests.Oci()),
    ];
}
