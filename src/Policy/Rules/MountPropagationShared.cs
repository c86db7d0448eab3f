using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// mount-propagation-shared: no mount may propagate mounts back to the host.
/// Fields: HostConfig.Binds mode and HostConfig.Mounts[].BindOptions.Propagation (Docker),
/// volumeMounts[*].mountPropagation of every container kind (Kubernetes), mounts[].options and
/// linux.rootfsPropagation (OCI; the adapter presents the latter as a mount with target "/").
/// Allowed: private/rprivate/None, and slave/rslave/HostToContainer unless <c>denyHostToContainer</c>.
/// </summary>
public sealed class MountPropagationShared : Rule<MountPropagationShared.Settings>
{
    public sealed record Settings(bool DenyHostToContainer);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new MountPropagationShared());

    public override RuleInfo Info { get; } = new()
    {
        Id = "mount-propagation-shared",
        Title = "Do not use shared mount propagation",
        Rationale = "A shared (rshared, Bidirectional) mount sends mounts made inside the container back to the host: a container that can mount can then cover host paths or expose host devices to every other mount peer. Kubernetes allows it only for privileged containers; Docker does not guard it at all.",
        Remediation = "use private propagation (drop :rshared/:shared; mountPropagation: None)",
        References = new() { CisV12 = "5.19", CisV16 = "5.20", Stig = "V-235810" },
        Parameters =
        [
            ParameterSpec.Bool("denyHostToContainer", false,
                "also flag slave/rslave (HostToContainer) propagation, which lets host mounts appear inside the container"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) => new(parameters.GetBool("denyHostToContainer"));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            foreach (var m in c.Mounts)
            {
                if (m.Propagation == Propagation.Bidirectional)
                    sink.Add(c, m.Path, $"shared mount propagation ({m.PropagationAsWritten ?? "shared"}) on {m.Target}");
                else if (m.Propagation == Propagation.HostToContainer && settings.DenyHostToContainer)
                    sink.Add(c, m.Path, $"slave mount propagation ({m.PropagationAsWritten ?? "slave"}) on {m.Target}");
            }
    }
}
