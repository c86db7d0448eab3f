using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostUtsCases : RuleCases
{
    public override string RuleId => "host-uts";

    private static Func<Sandbox, Sandbox> Uts(NamespaceSetting setting) => Shape.Namespaces(n => n with { Uts = setting });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --uts host", Requests.Docker(sandbox: Uts(NamespaceSetting.Host("HostConfig.UTSMode"))), "HostConfig.UTSMode"),
        new("oci without uts namespace", Requests.Oci(sandbox: Uts(NamespaceSetting.Host("linux.namespaces"))), "linux.namespaces"),
        new("pod with hostNetwork gets the host's UTS namespace", Requests.Pod(sandbox: Uts(NamespaceSetting.Host("spec.hostNetwork"))), "spec.hostNetwork"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("pod default", Requests.Pod()),
        new("oci private uts namespace", Requests.Oci()),
        new("host network alone is not host UTS on docker", Requests.Docker(sandbox: Shape.Namespaces(n => n with { Network = NamespaceSetting.Host("HostConfig.NetworkMode") }))),
    ];
}
