using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class AuthzPluginProtectionCases : RuleCases
{
    public override string RuleId => "authz-plugin-protection";

    private static WorkloadRequest Plugin(string name, string action, string? remote = null) => new()
    {
        Surface = Surface.Docker,
        Operation = Operation.PluginChange,
        Resource = new ResourceRef { Kind = "Plugin", Name = name },
        Plugin = new PluginRequest(name, action, action == "pull" ? "name" : "path") { Remote = remote },
    };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("disable dockerguard", Plugin("dockerguard", "disable"), "path"),
        new("disable dockerguard:latest", Plugin("dockerguard:latest", "disable"), "path"),
        new("upgrade dockerguard", Plugin("dockerguard", "upgrade", "evil/dockerguard"), "path"),
        new("set dockerguard", Plugin("dockerguard", "set"), "path"),
        new("remove docker.io/library/dockerguard", Plugin("docker.io/library/dockerguard:latest", "remove"), "path"),
        new("disable a renamed dockerguard", Plugin("guard", "disable"), "path") { Parameters = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("pluginNames", new[] { "guard" }) },
        new("pull of an unlisted plugin", Plugin("vieux/sshfs", "pull", "vieux/sshfs"), "name"),
        new("pull aliased to dockerguard", Plugin("dockerguard", "pull", "evil/authz"), "name"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("disable another plugin", Plugin("vieux/sshfs", "disable")),
        new("enable dockerguard", Plugin("dockerguard", "enable")),
        new("pull of an allowed plugin", Plugin("vieux/sshfs", "pull", "vieux/sshfs:latest")) { Parameters = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("allowedPlugins", new[] { "vieux/*" }) },
        new("not a plugin request", Requests.Docker()),
    ];
}
