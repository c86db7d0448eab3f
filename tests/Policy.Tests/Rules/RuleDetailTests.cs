using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

/// <summary>
/// What the violations of this catalogue say and whom they name: short details in the user's terms,
/// and the container set on container-level facts so exceptions can match by container.
/// </summary>
public class RuleDetailTests
{
    private static IReadOnlyList<Violation> Run(string ruleId, WorkloadRequest request, params (string Name, object Value)[] parameters)
    {
        var rule = RuleCatalog.Find(ruleId)!;
        var c = new RuleCase("detail", request) { Parameters = parameters.ToImmutableDictionary(p => p.Name, p => p.Value) };
        return RuleCaseRunner.Run(rule, c);
    }

    [Fact]
    public void Host_namespace_details_name_the_namespace_and_say_when_it_is_only_the_default()
    {
        Run("host-pid", Requests.Pod(sandbox: Shape.Namespaces(n => n with { Pid = NamespaceSetting.Host("spec.hostPID") })))
            .Single().Detail.Should().Be("host PID namespace");
        Run("host-cgroupns", Requests.Oci(), ("denyRuntimeDefault", true))
            .Single().Detail.Should().Be("host cgroup namespace (runtime default)");
    }

    [Fact]
    public void Root_user_detail_quotes_what_was_written()
    {
        var v = Run("run-as-root", Requests.Docker(Shape.Security(s => s with { User = Field.Of("0:0", "User") }))).Single();
        v.Detail.Should().Be("user 0:0 is root");
        v.Container.Should().Be("test");
    }

    [Fact]
    public void Container_level_violations_name_their_container_of_every_kind()
    {
        var unconfined = (string path) => Shape.Security(s => s with { Seccomp = new Seccomp(SeccompKind.Unconfined, path) });
        var found = Run("seccomp-unconfined", Requests.PodWithAllKinds(unconfined("i"), unconfined("r"), unconfined("e")));
        found.Select(v => (v.Container, v.Detail)).Should().Equal(("init", "seccomp unconfined"), ("app", "seccomp unconfined"), ("debugger", "seccomp unconfined"));
    }

    [Fact]
    public void Pod_level_violations_name_no_container()
    {
        var pod = Shape.PodSecurity(s => s with { AppArmor = new AppArmor(AppArmorKind.Unconfined, "spec.securityContext.appArmorProfile") });
        Run("apparmor-unconfined", Requests.Pod(sandbox: pod)).Single().Container.Should().BeNull();
    }

    [Fact]
    public void Exec_violations_name_the_exec_target_container()
    {
        var v = Run("exec-user-root", Requests.DockerExec(e => e with { User = Field.Of("root", "User") })).Single();
        v.Container.Should().Be("running");
        v.Detail.Should().Be("exec as user root, which is root");
        Run("exec-privileged", Requests.DockerExec(e => e with { Privileged = Field.Of(true, "Privileged") })).Single().Container.Should().Be("running");
    }

    [Fact]
    public void Inline_allow_all_seccomp_says_so()
    {
        var allowAll = Shape.Security(s => s with { Seccomp = new Seccomp(SeccompKind.Inline, "linux.seccomp", AllowsEverything: true) });
        Run("seccomp-unconfined", Requests.Oci(allowAll)).Single().Detail.Should().Be("seccomp profile allows every syscall");
    }

    [Fact]
    public void SELinux_reports_each_offending_option()
    {
        var se = Shape.Security(s => s with { SELinux = new SELinux("HostConfig.SecurityOpt[0]", Type: "spc_t", User: "system_u", Role: "system_r") });
        Run("selinux-disabled", Requests.Docker(se)).Select(v => v.Detail).Should()
            .Equal("SELinux type spc_t not allowed", "SELinux user system_u set", "SELinux role system_r set");
    }

    [Fact]
    public void Unset_settings_point_at_the_field_to_add()
    {
        Run("no-new-privileges", Requests.Pod()).Single().Should().Match<Violation>(v =>
            v.Detail == "no-new-privileges not set" && v.FieldPath == "spec.containers[0].securityContext.allowPrivilegeEscalation");
    }

    /// <summary>The ids of this part of the catalogue (fixed: policies and other helpers name them) and their default actions.</summary>
    private static readonly Dictionary<string, RuleAction> Defaults = new()
    {
        ["host-pid"] = RuleAction.Deny,
        ["host-ipc"] = RuleAction.Deny,
        ["host-uts"] = RuleAction.Deny,
        ["host-userns"] = RuleAction.Deny,
        ["require-user-namespace"] = RuleAction.Off,
        ["host-cgroupns"] = RuleAction.Deny,
        ["seccomp-unconfined"] = RuleAction.Deny,
        ["seccomp-profile-required"] = RuleAction.Off,
        ["apparmor-unconfined"] = RuleAction.Deny,
        ["selinux-disabled"] = RuleAction.Deny,
        ["masked-paths-removed"] = RuleAction.Deny,
        ["writable-cgroups"] = RuleAction.Deny,
        ["no-new-privileges"] = RuleAction.Warn,
        ["run-as-root"] = RuleAction.Warn,
        ["run-as-non-root"] = RuleAction.Off,
        ["windows-host-process"] = RuleAction.Deny,
        ["host-probes"] = RuleAction.Deny,
        ["exec-privileged"] = RuleAction.Deny,
        ["exec-user-root"] = RuleAction.Deny,
    };

    [Fact]
    public void Rule_ids_are_registered_with_their_default_actions()
    {
        foreach (var (id, action) in Defaults)
            RuleCatalog.Find(id).Should().NotBeNull(id).And.Subject.As<Rule>().Info.DefaultAction.Should().Be(action, id);
    }

    [Fact]
    public void Remediations_fit_a_terminal_line()
    {
        foreach (var id in Defaults.Keys)
            RuleCatalog.Find(id)!.Info.Remediation.Length.Should().BeLessThanOrEqualTo(80, id);
    }
}
