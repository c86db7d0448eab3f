using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostIpcCases : RuleCases
{
    public override string RuleId => "host-ipc";

    private static Func<Sandbox, Sandbox> Ipc(NamespaceSetting setting) => Shape.Namespaces(n => n with { Ipc = setting });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --ipc host", Requests.Docker(sandbox: Ipc(NamespaceSetting.Host("HostConfig.IpcMode"))), "HostConfig.IpcMode"),
        new("pod hostIPC", Requests.Pod(sandbox: Ipc(NamespaceSetting.Host("spec.hostIPC"))), "spec.hostIPC"),
        new("oci without ipc namespace", Requests.Oci(sandbox: Ipc(NamespaceSetting.Host("linux.namespaces"))), "linux.namespaces"),
        new RuleCase("docker --ipc container:x when sharing is denied", Requests.Docker(sandbox: Ipc(NamespaceSetting.Container("HostConfig.IpcMode", "db"))), "HostConfig.IpcMode")
            .With("denyContainerSharing", true),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default (private or shareable)", Requests.Docker()),
        new("docker --ipc container:x by default", Requests.Docker(sandbox: Ipc(NamespaceSetting.Container("HostConfig.IpcMode", "db")))),
        new("pod default", Requests.Pod()),
        new("oci private ipc namespace", Requests.Oci()),
        new("host PID is not host IPC", Requests.Pod(sandbox: Shape.Namespaces(n => n with { Pid = NamespaceSetting.Host("spec.hostPID") }))),
    ];
}
