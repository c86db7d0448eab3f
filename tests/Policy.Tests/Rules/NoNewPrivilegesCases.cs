using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class NoNewPrivilegesCases : RuleCases
{
    public override string RuleId => "no-new-privileges";

    private static Func<Container, Container> Escalation(bool allowed, string path) => c => c with { AllowPrivilegeEscalation = Field.Of(allowed, path) };

    private static Func<Container, Container> Locked(string path) => Escalation(false, path);

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker without no-new-privileges", Requests.Docker(), "HostConfig.SecurityOpt"),
        new("docker no-new-privileges=false", Requests.Docker(Escalation(true, "HostConfig.SecurityOpt[0]")), "HostConfig.SecurityOpt[0]"),
        new("pod container unset", Requests.Pod(), "spec.containers[0].securityContext.allowPrivilegeEscalation"),
        new("pod container allowPrivilegeEscalation: true", Requests.Pod(Escalation(true, "spec.containers[0].securityContext.allowPrivilegeEscalation")),
            "spec.containers[0].securityContext.allowPrivilegeEscalation"),
        new("init container unset", Requests.PodWithAllKinds(c => c, Locked("b"), Locked("c")), "spec.initContainers[0].securityContext.allowPrivilegeEscalation"),
        new("ephemeral container unset", Requests.PodWithAllKinds(Locked("a"), Locked("b")), "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation"),
        new("oci without noNewPrivileges", Requests.Oci(), "process.noNewPrivileges"),
        new("oci noNewPrivileges false", Requests.Oci(Escalation(true, "process.noNewPrivileges")), "process.noNewPrivileges"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker --security-opt no-new-privileges", Requests.Docker(Locked("HostConfig.SecurityOpt[0]"))),
        new("every pod container kind false", Requests.PodWithAllKinds(Locked("a"), Locked("b"), Locked("c"))),
        new("windows pod is exempt (PSS v1.25+)", Requests.Pod(sandbox: Shape.Windows)),
        new("oci noNewPrivileges true", Requests.Oci(Locked("process.noNewPrivileges"))),
    ];
}
