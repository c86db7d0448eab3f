using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class WritableCgroupsCases : RuleCases
{
    public override string RuleId => "writable-cgroups";

    private static Func<Container, Container> Writable(bool value, string path) => c => c with { WritableCgroups = Field.Of(value, path) };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker writable-cgroups=true", Requests.Docker(Writable(true, "HostConfig.SecurityOpt[0]")), "HostConfig.SecurityOpt[0]"),
        new("docker bare writable-cgroups", Requests.Docker(Writable(true, "HostConfig.SecurityOpt[1]")), "HostConfig.SecurityOpt[1]"),
        new("oci cgroup mount without ro", Requests.Oci(Writable(true, "mounts[5].options")), "mounts[5].options"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker writable-cgroups=false", Requests.Docker(Writable(false, "HostConfig.SecurityOpt[0]"))),
        new("oci read-only cgroup mount", Requests.Oci()),
        new("pod (no such field)", Requests.Pod()),
    ];
}
