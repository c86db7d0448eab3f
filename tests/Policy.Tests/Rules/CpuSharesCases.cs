using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class CpuSharesCases : RuleCases
{
    public override string RuleId => "cpu-shares";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker without --cpu-shares (0 arrives as unset)", Requests.Docker(), "HostConfig.CpuShares"),
        new("docker with only --cpus", Requests.Docker(c => c with { Limits = c.Limits with { NanoCpus = Field.Of(1_000_000_000L, "HostConfig.NanoCpus") } }), "HostConfig.CpuShares"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker --cpu-shares 512", Requests.Docker(c => c with { Limits = c.Limits with { CpuShares = Field.Of(512L, "HostConfig.CpuShares") } })),
    ];
}
