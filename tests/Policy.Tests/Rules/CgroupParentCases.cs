using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class CgroupParentCases : RuleCases
{
    public override string RuleId => "cgroup-parent";

    private static WorkloadRequest Parent(string parent) => Requests.Docker(c => c with { CgroupParent = Field.Of(parent, "HostConfig.CgroupParent") });

    private static readonly string[] Tenants = ["/tenants"];

    public override IEnumerable<RuleCase> Deny =>
    [
        new("--cgroup-parent /system.slice", Parent("/system.slice"), "HostConfig.CgroupParent"),
        new("--cgroup-parent /", Parent("/"), "HostConfig.CgroupParent"),
        new RuleCase("escape with ..", Parent("/tenants/../system.slice"), "HostConfig.CgroupParent").With("allowed", Tenants),
        new RuleCase("/tenantsx is not under /tenants", Parent("/tenantsx"), "HostConfig.CgroupParent").With("allowed", Tenants),
        new RuleCase("/TENANTS is another cgroup", Parent("/TENANTS"), "HostConfig.CgroupParent").With("allowed", Tenants),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("empty parent", Parent("")),
        new RuleCase("allowed parent", Parent("/tenants")).With("allowed", Tenants),
        new RuleCase("allowed parent with trailing slash", Parent("//tenants/")).With("allowed", Tenants),
        new RuleCase("below an allowed parent", Parent("/tenants/a")).With("allowed", Tenants),
        new RuleCase("systemd slice allowed by name", Parent("batch.slice")).With("allowed", new[] { "batch.slice" }),
    ];
}
