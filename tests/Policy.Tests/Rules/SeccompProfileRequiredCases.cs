using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class SeccompProfileRequiredCases : RuleCases
{
    public override string RuleId => "seccomp-profile-required";

    private static Func<Container, Container> Seccomp(SeccompKind kind, string path) =>
        Shape.Security(s => s with { Seccomp = new Seccomp(kind, path) });

    private static Func<Sandbox, Sandbox> PodSeccomp(SeccompKind kind) =>
        Shape.PodSecurity(s => s with { Seccomp = new Seccomp(kind, "spec.securityContext.seccompProfile") });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("nothing set", Requests.Pod(), "spec.containers[0].securityContext.seccompProfile"),
        new("pod-level Unconfined", Requests.Pod(sandbox: PodSeccomp(SeccompKind.Unconfined)), "spec.securityContext.seccompProfile"),
        new("pod-level Unconfined even when every container sets RuntimeDefault",
            Requests.Pod(Seccomp(SeccompKind.RuntimeDefault, "spec.containers[0].securityContext.seccompProfile"), PodSeccomp(SeccompKind.Unconfined)),
            "spec.securityContext.seccompProfile"),
        new("container Unconfined overrides a pod-level RuntimeDefault",
            Requests.Pod(Seccomp(SeccompKind.Unconfined, "spec.containers[0].securityContext.seccompProfile"), PodSeccomp(SeccompKind.RuntimeDefault)),
            "spec.containers[0].securityContext.seccompProfile"),
        new("ephemeral container left unset while the others set one",
            Requests.PodWithAllKinds(Seccomp(SeccompKind.RuntimeDefault, "a"), Seccomp(SeccompKind.RuntimeDefault, "b")),
            "spec.ephemeralContainers[0].securityContext.seccompProfile"),
        new("init container left unset while the others set one",
            Requests.PodWithAllKinds(c => c, Seccomp(SeccompKind.Localhost, "b"), Seccomp(SeccompKind.Localhost, "c")),
            "spec.initContainers[0].securityContext.seccompProfile"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("pod-level RuntimeDefault", Requests.Pod(sandbox: PodSeccomp(SeccompKind.RuntimeDefault))),
        new("pod-level Localhost covers every kind", Requests.PodWithAllKinds(c => c).InSandbox(PodSeccomp(SeccompKind.Localhost))),
        new("every container sets one", Requests.PodWithAllKinds(
            Seccomp(SeccompKind.RuntimeDefault, "a"), Seccomp(SeccompKind.Localhost, "b"), Seccomp(SeccompKind.RuntimeDefault, "c"))),
        new("windows pods are exempt (PSS v1.25+)", Requests.Pod(sandbox: Shape.Windows)),
    ];
}
