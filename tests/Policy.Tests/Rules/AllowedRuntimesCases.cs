using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class AllowedRuntimesCases : RuleCases
{
    public override string RuleId => "allowed-runtimes";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --runtime=crun", Requests.Docker(c => c with { Runtime = Field.Of("crun", "HostConfig.Runtime") }), "HostConfig.Runtime"),
        new("service runtime plugin", Requests.Docker(c => c with { Runtime = Field.Of("plugin", "TaskTemplate.Runtime") }), "TaskTemplate.Runtime"),
        new("runc not allowed by policy", Requests.Docker(c => c with { Runtime = Field.Of("runc", "HostConfig.Runtime") }), "HostConfig.Runtime") { Parameters = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("runtimes", new[] { "dockerguard" }) },
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("daemon default runtime", Requests.Docker()),
        new("docker --runtime=runc", Requests.Docker(c => c with { Runtime = Field.Of("runc", "HostConfig.Runtime") })),
        new("docker --runtime=dockerguard", Requests.Docker(c => c with { Runtime = Field.Of("dockerguard", "HostConfig.Runtime") })),
    ];
}
