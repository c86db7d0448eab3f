using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class RunAsNonRootCases : RuleCases
{
    public override string RuleId => "run-as-non-root";

    private static Func<Container, Container> NonRoot(bool value, string path) => Shape.Security(s => s with { RunAsNonRoot = Field.Of(value, path) });

    private static Func<Sandbox, Sandbox> PodNonRoot(bool value) => Shape.PodSecurity(s => s with { RunAsNonRoot = Field.Of(value, "spec.securityContext.runAsNonRoot") });

    private const string C0 = "spec.containers[0].securityContext.runAsNonRoot";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("nothing set", Requests.Pod(), C0),
        new("pod-level false", Requests.Pod(sandbox: PodNonRoot(false)), "spec.securityContext.runAsNonRoot"),
        new("pod-level false even when every container sets true", Requests.Pod(NonRoot(true, C0), PodNonRoot(false)), "spec.securityContext.runAsNonRoot"),
        new("container false overrides pod-level true", Requests.Pod(NonRoot(false, C0), PodNonRoot(true)), C0),
        new("init container unset while the others set true", Requests.PodWithAllKinds(c => c, NonRoot(true, "b"), NonRoot(true, "c")),
            "spec.initContainers[0].securityContext.runAsNonRoot"),
        new("ephemeral container false", Requests.PodWithAllKinds(NonRoot(true, "a"), NonRoot(true, "b"), NonRoot(false, "spec.ephemeralContainers[0].securityContext.runAsNonRoot")),
            "spec.ephemeralContainers[0].securityContext.runAsNonRoot"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("pod-level true", Requests.Pod(sandbox: PodNonRoot(true))),
        new("pod-level true covers every kind", Requests.PodWithAllKinds(c => c).InSandbox(PodNonRoot(true))),
        new("every container true", Requests.PodWithAllKinds(NonRoot(true, "a"), NonRoot(true, "b"), NonRoot(true, "c"))),
        new("hostUsers: false passes (PSS v1.35+)", Requests.Pod(NonRoot(false, C0), Shape.HostUsersFalse)),
    ];
}
