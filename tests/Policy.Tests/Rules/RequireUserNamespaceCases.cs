using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class RequireUserNamespaceCases : RuleCases
{
    public override string RuleId => "require-user-namespace";

    private static Func<Sandbox, Sandbox> User(NamespaceSetting setting) => Shape.Namespaces(n => n with { User = setting });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --userns host", Requests.Docker(sandbox: User(NamespaceSetting.Host("HostConfig.UsernsMode"))), "HostConfig.UsernsMode"),
        new("docker without remapping (default host)", Requests.Docker(sandbox: User(NamespaceSetting.HostByDefault("HostConfig.UsernsMode"))), "HostConfig.UsernsMode"),
        new("pod hostUsers unset (defaults to true)", Requests.Pod(), "spec.hostUsers"),
        new("pod hostUsers: true", Requests.Pod(sandbox: User(NamespaceSetting.Host("spec.hostUsers"))), "spec.hostUsers"),
        new("oci rootful podman default (no user entry)", Requests.Oci(), "linux.namespaces"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker on a remapping daemon", Requests.Docker()),
        new("pod hostUsers: false", Requests.Pod(sandbox: Shape.HostUsersFalse)),
        new("oci with a user namespace", Requests.Oci(sandbox: User(NamespaceSetting.Private("linux.namespaces")))),
        new("oci joining another container's user namespace", Requests.Oci(sandbox: User(NamespaceSetting.Container("linux.namespaces", "abc")))),
    ];
}
