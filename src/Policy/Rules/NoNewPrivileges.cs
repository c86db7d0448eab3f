using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// no-new-privileges: every container must set no_new_privs.
/// Fields: HostConfig.SecurityOpt no-new-privileges[=true] (Docker), every container's
/// securityContext.allowPrivilegeEscalation (Kubernetes, as PSS allowPrivilegeEscalation),
/// process.noNewPrivileges (OCI). Allowed: explicitly set (allowPrivilegeEscalation: false); unset
/// fails. Skipped for spec.os.name: windows (PSS v1.25+).
/// </summary>
public sealed class NoNewPrivileges : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new NoNewPrivileges());

    public override RuleInfo Info { get; } = new()
    {
        Id = "no-new-privileges",
        Title = "Set no-new-privileges",
        Rationale = "Without no_new_privs a process can gain privileges through setuid or setcap binaries and file capabilities, turning a foothold as an ordinary user into root in the container.",
        Remediation = "add --security-opt no-new-privileges (allowPrivilegeEscalation: false)",
        References = new() { CisV12 = "5.25", CisV16 = "5.26", Stig = "V-235816", PssCheck = "allowPrivilegeEscalation", PssLevel = PssLevel.Restricted },
        DefaultAction = RuleAction.Warn,
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        if (request.Sandbox.OsName == "windows") return;
        foreach (var c in request.Containers)
        {
            if (c.AllowPrivilegeEscalation is not { } ape)
                sink.Add(c, UnsetField.NoNewPrivileges(request, c), "no-new-privileges not set");
            else if (ape.Value)
                sink.Add(c, ape.Path, "privilege escalation allowed");
        }
    }
}
