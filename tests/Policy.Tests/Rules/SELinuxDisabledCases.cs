using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class SELinuxDisabledCases : RuleCases
{
    public override string RuleId => "selinux-disabled";

    private static Func<Container, Container> Label(SELinux se) => Shape.Security(s => s with { SELinux = se });

    private static Func<Sandbox, Sandbox> PodLabel(SELinux se) => Shape.PodSecurity(s => s with { SELinux = se });

    private const string Opt = "HostConfig.SecurityOpt[0]";
    private const string PodOpts = "spec.securityContext.seLinuxOptions";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker label=disable", Requests.Docker(Label(new SELinux(Opt, Disabled: true))), Opt),
        new("docker bare disable", Requests.Docker(Label(new SELinux("HostConfig.SecurityOpt[2]", Disabled: true))), "HostConfig.SecurityOpt[2]"),
        new("docker label=type:spc_t", Requests.Docker(Label(new SELinux(Opt, Type: "spc_t"))), Opt),
        new("docker label=user:system_u", Requests.Docker(Label(new SELinux(Opt, User: "system_u"))), Opt),
        new("pod-level type spc_t", Requests.Pod(sandbox: PodLabel(new SELinux(PodOpts, Type: "spc_t"))), PodOpts),
        new("pod-level role set", Requests.Pod(sandbox: PodLabel(new SELinux(PodOpts, Role: "sysadm_r"))), PodOpts),
        new("container type unconfined_t", Requests.Pod(Label(new SELinux("spec.containers[0].securityContext.seLinuxOptions", Type: "unconfined_t"))),
            "spec.containers[0].securityContext.seLinuxOptions"),
        new("init container spc_t", Requests.PodWithAllKinds(Label(new SELinux("spec.initContainers[0].securityContext.seLinuxOptions", Type: "spc_t"))),
            "spec.initContainers[0].securityContext.seLinuxOptions"),
        new("ephemeral container user set", Requests.PodWithAllKinds(c => c, ephemeral: Label(new SELinux("spec.ephemeralContainers[0].securityContext.seLinuxOptions", User: "unconfined_u"))),
            "spec.ephemeralContainers[0].securityContext.seLinuxOptions"),
        new("oci label with spc_t", Requests.Oci(Label(new SELinux("process.selinuxLabel", Type: "spc_t", User: "system_u", Role: "system_r", Level: "s0"))), "process.selinuxLabel"),
        new RuleCase("container_kvm_t when the policy narrows the list", Requests.Pod(Label(new SELinux("spec.containers[0].securityContext.seLinuxOptions", Type: "container_kvm_t"))),
            "spec.containers[0].securityContext.seLinuxOptions").With("allowedTypes", new[] { "", "container_t" }),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker label=level:s0:c100,c200", Requests.Docker(Label(new SELinux(Opt, Level: "s0:c100,c200")))),
        new("docker label=type:container_t", Requests.Docker(Label(new SELinux(Opt, Type: "container_t")))),
        new("pod-level container_init_t", Requests.Pod(sandbox: PodLabel(new SELinux(PodOpts, Type: "container_init_t")))),
        new("every kind container_t, container_kvm_t, container_engine_t", Requests.PodWithAllKinds(
            Label(new SELinux("a", Type: "container_t")), Label(new SELinux("b", Type: "container_kvm_t")), Label(new SELinux("c", Type: "container_engine_t")))),
        new("oci engine label carries user and role", Requests.Oci(Label(new SELinux("process.selinuxLabel", Type: "container_t", User: "system_u", Role: "system_r", Level: "s0:c1,c2")))),
        new RuleCase("spc_t when the policy allows it", Requests.Docker(Label(new SELinux(Opt, Type: "spc_t")))).With("allowedTypes", new[] { "", "container_t", "spc_t" }),
    ];
}
