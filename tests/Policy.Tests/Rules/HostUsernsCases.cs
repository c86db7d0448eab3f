using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostUsernsCases : RuleCases
{
    public override string RuleId => "host-userns";

    private static Func<Sandbox, Sandbox> User(NamespaceSetting setting) => Shape.Namespaces(n => n with { User = setting });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --userns host", Requests.Docker(sandbox: User(NamespaceSetting.Host("HostConfig.UsernsMode"))), "HostConfig.UsernsMode"),
        new("oci user namespace explicitly the host's", Requests.Oci(sandbox: User(NamespaceSetting.Host("linux.namespaces"))), "linux.namespaces"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default on a remapping daemon", Requests.Docker()),
        new("docker empty UsernsMode without remapping is the runtime's default", Requests.Docker(sandbox: User(NamespaceSetting.HostByDefault("HostConfig.UsernsMode")))),
        new("oci rootful podman default (no user entry)", Requests.Oci()),
        new("oci private user namespace", Requests.Oci(sandbox: User(NamespaceSetting.Private("linux.namespaces")))),
        // PSS never requires hostUsers: false, so neither unset nor true is a violation on Kubernetes.
        new("pod hostUsers unset", Requests.Pod()),
        new("pod hostUsers: true written out", Requests.Pod(sandbox: User(NamespaceSetting.Host("spec.hostUsers")))),
        new("pod hostUsers: false", Requests.Pod(sandbox: Shape.HostUsersFalse)),
    ];
}
