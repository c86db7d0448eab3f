using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// exec-privileged: no process may be started privileged in a running container.
/// Fields: Privileged of POST /containers/{id}/exec (Docker). Allowed: unset or false. Kubernetes exec
/// has no such option (kubernetes-admission.md §7).
/// </summary>
public sealed class ExecPrivileged : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new ExecPrivileged());

    public override RuleInfo Info { get; } = new()
    {
        Id = "exec-privileged",
        Title = "Do not exec privileged processes",
        Rationale = "docker exec --privileged gives the new process every capability, even in a container created without them: a way around the create-time checks.",
        Remediation = "run docker exec without --privileged",
        References = new() { CisV12 = "5.22", CisV16 = "5.23", Stig = "V-235813" },
        Surfaces = [Surface.Docker],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        if (request.Exec is { Privileged: { Value: true } p } exec)
            sink.AddInContainer(exec.Container, p.Path, "privileged exec");
    }
}
