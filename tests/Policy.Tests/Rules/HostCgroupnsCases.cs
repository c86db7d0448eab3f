using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostCgroupnsCases : RuleCases
{
    public override string RuleId => "host-cgroupns";

    private static Func<Sandbox, Sandbox> Cgroup(NamespaceSetting setting) => Shape.Namespaces(n => n with { Cgroup = setting });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --cgroupns host", Requests.Docker(sandbox: Cgroup(NamespaceSetting.Host("HostConfig.CgroupnsMode"))), "HostConfig.CgroupnsMode"),
        new("oci cgroup namespace explicitly the host's", Requests.Oci(sandbox: Cgroup(NamespaceSetting.Host("linux.namespaces"))), "linux.namespaces"),
        new RuleCase("docker cgroup v1 default when runtime defaults are denied", Requests.Docker(sandbox: Cgroup(NamespaceSetting.HostByDefault("HostConfig.CgroupnsMode"))), "HostConfig.CgroupnsMode")
            .With("denyRuntimeDefault", true),
        new RuleCase("oci podman on cgroup v1 when runtime defaults are denied", Requests.Oci(), "linux.namespaces")
            .With("denyRuntimeDefault", true),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default (private)", Requests.Docker()),
        new("docker cgroup v1 default (empty CgroupnsMode)", Requests.Docker(sandbox: Cgroup(NamespaceSetting.HostByDefault("HostConfig.CgroupnsMode")))),
        new("oci podman on cgroup v1 (no cgroup entry)", Requests.Oci()),
        new("oci private cgroup namespace", Requests.Oci(sandbox: Cgroup(NamespaceSetting.Private("linux.namespaces")))),
    ];
}
