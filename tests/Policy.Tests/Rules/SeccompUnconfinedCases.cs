using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class SeccompUnconfinedCases : RuleCases
{
    public override string RuleId => "seccomp-unconfined";

    private static Func<Container, Container> Seccomp(SeccompKind kind, string path, bool allowsEverything = false) =>
        Shape.Security(s => s with { Seccomp = new Seccomp(kind, path, AllowsEverything: allowsEverything) });

    private static Func<Sandbox, Sandbox> PodSeccomp(SeccompKind kind) =>
        Shape.PodSecurity(s => s with { Seccomp = new Seccomp(kind, "spec.securityContext.seccompProfile") });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker seccomp=unconfined", Requests.Docker(Seccomp(SeccompKind.Unconfined, "HostConfig.SecurityOpt[0]")), "HostConfig.SecurityOpt[0]"),
        new("docker inline profile with defaultAction allow", Requests.Docker(Seccomp(SeccompKind.Inline, "HostConfig.SecurityOpt[1]", allowsEverything: true)), "HostConfig.SecurityOpt[1]"),
        new("pod-level Unconfined", Requests.Pod(sandbox: PodSeccomp(SeccompKind.Unconfined)), "spec.securityContext.seccompProfile"),
        new("pod-level Unconfined even when every container overrides it",
            Requests.Pod(Seccomp(SeccompKind.RuntimeDefault, "spec.containers[0].securityContext.seccompProfile"), PodSeccomp(SeccompKind.Unconfined)),
            "spec.securityContext.seccompProfile"),
        new("regular container Unconfined", Requests.Pod(Seccomp(SeccompKind.Unconfined, "spec.containers[0].securityContext.seccompProfile")), "spec.containers[0].securityContext.seccompProfile"),
        new("init container Unconfined", Requests.PodWithAllKinds(Seccomp(SeccompKind.Unconfined, "spec.initContainers[0].securityContext.seccompProfile")), "spec.initContainers[0].securityContext.seccompProfile"),
        new("ephemeral container Unconfined", Requests.PodWithAllKinds(c => c, ephemeral: Seccomp(SeccompKind.Unconfined, "spec.ephemeralContainers[0].securityContext.seccompProfile")), "spec.ephemeralContainers[0].securityContext.seccompProfile"),
        new("oci without linux.seccomp", Requests.Oci(Seccomp(SeccompKind.Unconfined, "linux.seccomp")), "linux.seccomp"),
        new("oci allow-all stub profile", Requests.Oci(Seccomp(SeccompKind.Inline, "linux.seccomp", allowsEverything: true)), "linux.seccomp"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default profile", Requests.Docker()),
        new("docker custom inline profile that blocks", Requests.Docker(Seccomp(SeccompKind.Inline, "HostConfig.SecurityOpt[0]"))),
        new("pod unset", Requests.Pod()),
        new("pod RuntimeDefault", Requests.Pod(sandbox: PodSeccomp(SeccompKind.RuntimeDefault))),
        new("containers Localhost and RuntimeDefault in every kind", Requests.PodWithAllKinds(
            Seccomp(SeccompKind.Localhost, "a"), Seccomp(SeccompKind.RuntimeDefault, "b"), Seccomp(SeccompKind.Localhost, "c"))),
        new("oci default profile", Requests.Oci()),
    ];
}
