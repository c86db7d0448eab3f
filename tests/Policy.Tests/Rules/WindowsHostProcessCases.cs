using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class WindowsHostProcessCases : RuleCases
{
    public override string RuleId => "windows-host-process";

    private static Func<Container, Container> HostProcess(bool value, string path) => Shape.Security(s => s with { WindowsHostProcess = Field.Of(value, path) });

    private static Func<Sandbox, Sandbox> PodHostProcess(bool value) =>
        Shape.PodSecurity(s => s with { WindowsHostProcess = Field.Of(value, "spec.securityContext.windowsOptions.hostProcess") });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("pod-level hostProcess", Requests.Pod(sandbox: Shape.All(PodHostProcess(true), Shape.Windows)), "spec.securityContext.windowsOptions.hostProcess"),
        new("container hostProcess", Requests.Pod(HostProcess(true, "spec.containers[0].securityContext.windowsOptions.hostProcess")),
            "spec.containers[0].securityContext.windowsOptions.hostProcess"),
        new("init container hostProcess", Requests.PodWithAllKinds(HostProcess(true, "spec.initContainers[0].securityContext.windowsOptions.hostProcess")),
            "spec.initContainers[0].securityContext.windowsOptions.hostProcess"),
        new("ephemeral container hostProcess", Requests.PodWithAllKinds(c => c, ephemeral: HostProcess(true, "spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess")),
            "spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("pod unset", Requests.Pod()),
        new("windows pod without hostProcess", Requests.Pod(sandbox: Shape.Windows)),
        new("hostProcess false everywhere", Requests.PodWithAllKinds(HostProcess(false, "a"), HostProcess(false, "b"), HostProcess(false, "c")).InSandbox(PodHostProcess(false))),
    ];
}
