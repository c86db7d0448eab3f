using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class ExecUserRootCases : RuleCases
{
    public override string RuleId => "exec-user-root";

    private static WorkloadRequest ExecAs(string user, bool fromContainer = false) =>
        Requests.DockerExec(e => e with { User = Field.Of(user, fromContainer ? "Config.User" : "User"), UserFromContainer = fromContainer });

    public override IEnumerable<RuleCase> Deny =>
    [
        .. new[] { "root", "0", "0:0", "root:root", "00", "0:1000", ":0" }.Select(u => new RuleCase($"docker exec --user {u}", ExecAs(u), "User")),
        new("docker exec without --user into a container running as root", ExecAs("0", fromContainer: true), "Config.User"),
        new RuleCase("docker exec --user 1000 when any override is denied", ExecAs("1000"), "User").With("denyAnyUserOverride", true),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker exec without a user, container user unknown", Requests.DockerExec(e => e)),
        new("docker exec with an empty user", ExecAs("")),
        new("docker exec --user 1000", ExecAs("1000")),
        new("docker exec --user nobody:root", ExecAs("nobody:root")),
        new RuleCase("container's own non-root user is not an override", ExecAs("1000", fromContainer: true)).With("denyAnyUserOverride", true),
    ];
}
