using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-userns: the request must not ask for the host's user namespace.
/// Fields: HostConfig.UsernsMode=host (Docker: opts out of the daemon's userns-remap), an OCI user
/// namespace the adapter knows was asked for as host. Only an explicit request is flagged: an empty
/// UsernsMode on a daemon without remapping, or rootful podman's default, is the runtime's choice
/// (require-user-namespace denies those). Not on Kubernetes: there hostUsers only relaxes PSS checks
/// and no level requires it (kubernetes-admission.md §6), so an unset or true hostUsers is never a
/// violation of this rule.
/// </summary>
public sealed class HostUserns : HostNamespaceRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostUserns());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-userns",
        Title = "Do not opt out of user namespace remapping",
        Rationale = "With --userns=host a container skips the daemon's user namespace remapping: its root is host root again, and every other escape becomes a host-root escape.",
        Remediation = "remove --userns host",
        References = new() { CisV12 = "5.30", CisV16 = "5.31", Stig = "V-235817" },
        Parameters = [ContainerSharingParameter(false)],
        Surfaces = [Surface.Docker, Surface.Oci],
    };

    protected override string NamespaceName => "user";
    protected override NamespaceSetting Select(Namespaces namespaces) => namespaces.User;

    protected override Settings ReadSettings(RuleParameters parameters) => base.ReadSettings(parameters) with { DenyRuntimeDefault = false };

    // Surfaces already keeps the evaluator off Kubernetes; the check says so itself, so that running the
    // rule by hand (explain, policy test) can never turn a written-out hostUsers: true into a violation.
    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        if (request.Surface != Surface.Kubernetes)
            base.Check(request, settings, sink);
    }
}
