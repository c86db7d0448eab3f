using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostPidCases : RuleCases
{
    public override string RuleId => "host-pid";

    private static Func<Sandbox, Sandbox> Pid(NamespaceSetting setting) => Shape.Namespaces(n => n with { Pid = setting });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --pid host", Requests.Docker(sandbox: Pid(NamespaceSetting.Host("HostConfig.PidMode"))), "HostConfig.PidMode"),
        new("pod hostPID", Requests.Pod(sandbox: Pid(NamespaceSetting.Host("spec.hostPID"))), "spec.hostPID"),
        new("oci without pid namespace (podman --pid host)", Requests.Oci(sandbox: Pid(NamespaceSetting.Host("linux.namespaces"))), "linux.namespaces"),
        new("oci pid namespace by runtime default is still the host's", Requests.Oci(sandbox: Pid(NamespaceSetting.HostByDefault("linux.namespaces"))), "linux.namespaces"),
        new RuleCase("docker --pid container:x when sharing is denied", Requests.Docker(sandbox: Pid(NamespaceSetting.Container("HostConfig.PidMode", "db"))), "HostConfig.PidMode")
            .With("denyContainerSharing", true),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker --pid container:x by default", Requests.Docker(sandbox: Pid(NamespaceSetting.Container("HostConfig.PidMode", "db")))),
        new("pod hostPID false", Requests.Pod()),
        new("oci private pid namespace", Requests.Oci()),
        new("other host namespaces are not this rule's", Requests.Docker(sandbox: Shape.Namespaces(n => n with { Network = NamespaceSetting.Host("HostConfig.NetworkMode"), Ipc = NamespaceSetting.Host("HostConfig.IpcMode") }))),
    ];
}
