using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// capabilities: containers may add only allow-listed capabilities, and never ALL.
/// Fields: HostConfig.CapAdd/CapDrop (Docker), securityContext.capabilities.add/drop of every
/// container kind (Kubernetes), process.capabilities beyond the runtime default (OCI).
/// Allowed: names in <c>allowed</c> (default: PSS capabilities_baseline), compared as exact strings
/// after the adapter's normalisation, as PSS does ("CAP_CHOWN" and "chown" are not "CHOWN").
/// With <c>requireDropAll</c> (PSS capabilities_restricted) CapDrop must also contain "ALL".
/// </summary>
public sealed class Capabilities : Rule<Capabilities.Settings>
{
    public sealed record Settings(FrozenSet<string> Allowed, bool RequireDropAll);

    /// <summary>pod-security-admission capabilities_baseline allow-list.</summary>
    public static readonly string[] Baseline =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
        "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new Capabilities());

    public override RuleInfo Info { get; } = new()
    {
        Id = "capabilities",
        Title = "Add only the capabilities the workload needs",
        Rationale = "Capabilities such as SYS_ADMIN, SYS_PTRACE, SYS_MODULE or NET_ADMIN each hand a container a piece of root on the host (mounting, tracing host processes, loading kernel modules, reconfiguring the network); ALL is --privileged without the devices.",
        Remediation = "remove the capability from --cap-add (capabilities.add); drop ALL and add back only what is needed",
        References = new() { CisV12 = "5.3", CisV16 = "5.4", Stig = "V-235801", PssCheck = "capabilities_baseline", PssLevel = PssLevel.Baseline },
        Parameters =
        [
            ParameterSpec.List("allowed", Baseline, "capabilities a container may add, exact names without CAP_ (ALL is always denied)"),
            ParameterSpec.Bool("requireDropAll", false, "require CapDrop to contain ALL (PSS capabilities_restricted; Windows pods are exempt)"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) =>
        new(parameters.GetList("allowed").ToFrozenSet(StringComparer.Ordinal), parameters.GetBool("requireDropAll"));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        // Windows pods cannot set capabilities at all (API validation), so PSS v1.25+ exempts them
        // from the drop requirement; the add check stays, it can only ever be empty there.
        var requireDropAll = settings.RequireDropAll && request.Sandbox.OsName != "windows";
        foreach (var c in request.Containers)
        {
            foreach (var cap in c.CapAdd)
            {
                if (IsAll(cap.Value))
                    sink.Add(c, cap.Path, $"all capabilities added ({cap.Value})");
                else if (!settings.Allowed.Contains(cap.Value))
                    sink.Add(c, cap.Path, $"capability {cap.Value} added");
            }
            if (requireDropAll && !DropsAll(c))
                sink.Add(c, c.CapDrop.IsEmpty ? UnsetSettingPath.CapDrop(request, c) : c.CapDrop[0].Path, "capabilities not dropped (drop ALL)");
        }
    }

    /// <summary>
    /// ALL in any case: Docker upper-cases before comparing and containerd's CRI matches "all"
    /// case-insensitively, so "all" grants everything on both; CAP_ALL is refused by Docker but
    /// never belongs on an allow-list either.
    /// </summary>
    private static bool IsAll(string name) =>
        name.Equals("ALL", StringComparison.OrdinalIgnoreCase) || name.Equals("CAP_ALL", StringComparison.OrdinalIgnoreCase);

    /// <summary>PSS capabilities_restricted looks for the exact string "ALL" in drop.</summary>
    private static bool DropsAll(Container c)
    {
        foreach (var d in c.CapDrop)
            if (d.Value == "ALL") return true;
        return false;
    }
}
