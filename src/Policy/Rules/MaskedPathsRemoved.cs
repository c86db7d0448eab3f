using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// masked-paths-removed: the runtime's masking of sensitive /proc and /sys paths must stay.
/// Fields: HostConfig.MaskedPaths present and empty (Docker --security-opt systempaths=unconfined),
/// every container's securityContext.procMount (Kubernetes), linux.maskedPaths absent or empty (OCI);
/// the adapters report each as ProcMount "Unmasked". Allowed: unset or Default. As PSS procMount
/// (v1.35+), a Kubernetes pod with hostUsers: false may use any value while allowWithUserNamespace is
/// set: host root does not own its /proc. PSS restricted (procMount_restricted) turns that off.
/// </summary>
public sealed class MaskedPathsRemoved : Rule<MaskedPathsRemoved.Settings>
{
    public sealed record Settings(bool AllowWithUserNamespace);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new MaskedPathsRemoved());

    public override RuleInfo Info { get; } = new()
    {
        Id = "masked-paths-removed",
        Title = "Do not unmask /proc and /sys",
        Rationale = "The runtime masks /proc/kcore, /proc/sysrq-trigger, /proc/sys and similar paths because writing or reading them affects the host kernel. No CIS check or STIG item covers it; PSS procMount does.",
        Remediation = "drop systempaths=unconfined (procMount: Unmasked)",
        References = new() { PssCheck = "procMount", PssLevel = PssLevel.Baseline },
        Parameters =
        [
            ParameterSpec.Bool("allowWithUserNamespace", true,
                "allow an unmasked /proc in a Kubernetes pod with hostUsers: false (PSS baseline v1.35+); false = PSS procMount_restricted"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) => new(parameters.GetBool("allowWithUserNamespace"));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        // The relaxation is PSS's, so it is Kubernetes'; Docker's systempaths=unconfined stays denied.
        if (settings.AllowWithUserNamespace && request.Surface == Surface.Kubernetes && UserNamespace.IsOwn(request)) return;
        foreach (var c in request.Containers)
            if (c.ProcMount is { } p && p.Value != "Default")
                sink.Add(c, p.Path, $"/proc unmasked (procMount {p.Value})");
    }
}
