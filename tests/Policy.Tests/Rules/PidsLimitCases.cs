using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class PidsLimitCases : RuleCases
{
    public override string RuleId => "pids-limit";

    private static Func<Container, Container> Pids(long limit, string path) => c => c with { Limits = c.Limits with { Pids = Field.Of(limit, path) } };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker without --pids-limit (0 and -1 arrive as unset)", Requests.Docker(), "HostConfig.PidsLimit"),
        new RuleCase("docker above the cap", Requests.Docker(Pids(100000, "HostConfig.PidsLimit")), "HostConfig.PidsLimit").With("max", 4096),
        new("oci without linux.resources.pids", Requests.Oci(), "linux.resources.pids.limit"),
        new RuleCase("oci podman default 2048 above a 1024 cap", Requests.Oci(Pids(2048, "linux.resources.pids.limit")), "linux.resources.pids.limit").With("max", 1024),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker --pids-limit 100", Requests.Docker(Pids(100, "HostConfig.PidsLimit"))),
        new RuleCase("docker at the cap", Requests.Docker(Pids(4096, "HostConfig.PidsLimit"))).With("max", 4096),
        new("oci podman default 2048", Requests.Oci(Pids(2048, "linux.resources.pids.limit"))),
    ];
}
