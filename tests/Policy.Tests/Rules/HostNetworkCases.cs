using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostNetworkCases : RuleCases
{
    public override string RuleId => "host-network";

    private static Func<Sandbox, Sandbox> Network(NamespaceSetting setting) => s => s with { Namespaces = s.Namespaces with { Network = setting } };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --network host", Requests.Docker(sandbox: Network(NamespaceSetting.Host("HostConfig.NetworkMode"))), "HostConfig.NetworkMode"),
        new("pod hostNetwork", Requests.Pod(sandbox: Network(NamespaceSetting.Host("spec.hostNetwork"))), "spec.hostNetwork"),
        new("oci without network namespace", Requests.Oci(sandbox: Network(NamespaceSetting.Host("linux.namespaces"))), "linux.namespaces"),
        new RuleCase("docker container:x when sharing is denied", Requests.Docker(sandbox: Network(NamespaceSetting.Container("HostConfig.NetworkMode", "db"))), "HostConfig.NetworkMode")
            .With("denyContainerSharing", true),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default network", Requests.Docker()),
        new("docker container:x by default", Requests.Docker(sandbox: Network(NamespaceSetting.Container("HostConfig.NetworkMode", "db")))),
        new("pod default", Requests.Pod()),
        new("oci private network namespace", Requests.Oci()),
    ];
}
