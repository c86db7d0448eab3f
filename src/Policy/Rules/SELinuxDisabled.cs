using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// selinux-disabled: SELinux separation must stay on, with a container type.
/// Fields: HostConfig.SecurityOpt label=disable, bare disable, label=type/user/role:… (Docker);
/// spec.securityContext.seLinuxOptions and every container's securityContext.seLinuxOptions
/// (Kubernetes, each level on its own as PSS seLinuxOptions does); process.selinuxLabel (OCI).
/// Allowed: labeling on; type in allowedTypes (PSS: "", container_t, container_init_t,
/// container_kvm_t, container_engine_t; so spc_t is denied); user and role empty.
/// </summary>
public sealed class SELinuxDisabled : Rule<SELinuxDisabled.Settings>
{
    public sealed record Settings(ImmutableArray<string> AllowedTypes);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new SELinuxDisabled());

    public override RuleInfo Info { get; } = new()
    {
        Id = "selinux-disabled",
        Title = "Do not disable SELinux separation",
        Rationale = "SELinux keeps a container's processes in container_t with their own MCS categories, so an escaped process still cannot touch host files or other containers. label=disable or a type such as spc_t (super-privileged container) removes that.",
        Remediation = "drop label=disable and label overrides; use the default container_t type",
        References = new() { CisV12 = "5.2", CisV16 = "5.3", Stig = "V-235800", PssCheck = "seLinuxOptions", PssLevel = PssLevel.Baseline },
        Parameters =
        [
            ParameterSpec.List("allowedTypes", ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"],
                "SELinux types a workload may ask for; \"\" means no type given (keep it to allow level-only options)"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) => new(parameters.GetList("allowedTypes"));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        // An OCI selinuxLabel is the engine's complete label and always names a user and role
        // (system_u:system_r:container_t:s0:c1,c2); only there are they not something the user chose.
        var userRoleChosen = request.Surface != Surface.Oci;
        if (request.Sandbox.PodSecurity.SELinux is { } pod)
            CheckOne(pod, null, settings, userRoleChosen, sink);
        foreach (var c in request.Containers)
            if (c.Security.SELinux is { } se)
                CheckOne(se, c, settings, userRoleChosen, sink);
    }

    private static void CheckOne(SELinux se, Container? c, Settings settings, bool userRoleChosen, ViolationSink sink)
    {
        if (se.Disabled)
        {
            sink.Add(c, se.Path, "SELinux labeling disabled");
            return;
        }
        if (!settings.AllowedTypes.Contains(se.Type))
            sink.Add(c, se.Path, $"SELinux type {se.Type} not allowed");
        if (userRoleChosen && se.User.Length > 0)
            sink.Add(c, se.Path, $"SELinux user {se.User} set");
        if (userRoleChosen && se.Role.Length > 0)
            sink.Add(c, se.Path, $"SELinux role {se.Role} set");
    }
}
