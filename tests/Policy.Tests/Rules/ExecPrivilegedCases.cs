using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class ExecPrivilegedCases : RuleCases
{
    public override string RuleId => "exec-privileged";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker exec --privileged", Requests.DockerExec(e => e with { Privileged = Field.Of(true, "Privileged") }), "Privileged"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker exec", Requests.DockerExec(e => e)),
        new("docker exec Privileged: false", Requests.DockerExec(e => e with { Privileged = Field.Of(false, "Privileged") })),
        new("a privileged create is not an exec", Requests.Docker(c => c with { Privileged = Field.Of(true, "HostConfig.Privileged") })),
    ];
}
