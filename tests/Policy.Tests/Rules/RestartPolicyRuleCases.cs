using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class RestartPolicyRuleCases : RuleCases
{
    public override string RuleId => "restart-policy";

    private static RuleCase Case(string name, string policy, int retries, bool deny) =>
        new(name, Requests.Docker(c => c with { RestartPolicy = new RestartPolicy(policy, retries, "HostConfig.RestartPolicy") }), deny ? "HostConfig.RestartPolicy" : null);

    public override IEnumerable<RuleCase> Deny =>
    [
        Case("--restart always", "always", 0, deny: true),
        Case("--restart unless-stopped", "unless-stopped", 0, deny: true),
        Case("--restart on-failure:10", "on-failure", 10, deny: true),
        Case("--restart on-failure (0 = retry forever)", "on-failure", 0, deny: true),
        Case("negative retry count", "on-failure", -1, deny: true),
        Case("unknown name is never a silent allow", "Always", 0, deny: true),
        Case("on-failure:3 with maxRetries 2", "on-failure", 3, deny: true).With("maxRetries", 2),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        Case("--restart no", "no", 0, deny: false),
        Case("empty name", "", 0, deny: false),
        Case("--restart on-failure:5", "on-failure", 5, deny: false),
        Case("--restart on-failure:1", "on-failure", 1, deny: false),
        Case("on-failure:10 with maxRetries 10", "on-failure", 10, deny: false).With("maxRetries", 10),
    ];
}
