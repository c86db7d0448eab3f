using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// exec-user-root: no process may be started as root in a running container.
/// Fields: User of POST /containers/{id}/exec (Docker; every spelling of uid 0, see <see cref="UserSpec"/>).
/// An empty exec user runs as the container's user; the adapter fills that in with its path, so an
/// exec into a root container is flagged too. No user at all (container user unknown): the image
/// default, allowed. denyAnyUserOverride also flags any user the exec asks for (CIS 5.23's --user).
/// </summary>
public sealed class ExecUserRoot : Rule<ExecUserRoot.Settings>
{
    public sealed record Settings(bool DenyAnyUserOverride);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new ExecUserRoot());

    public override RuleInfo Info { get; } = new()
    {
        Id = "exec-user-root",
        Title = "Do not exec processes as root",
        Rationale = "docker exec --user root (or 0, 0:0, root:root) starts a root process in a container that was meant to run unprivileged, undoing its user setting.",
        Remediation = "exec as the container's own non-root user, without --user root",
        References = new() { CisV12 = "5.23", CisV16 = "5.24", Stig = "V-235814" },
        Surfaces = [Surface.Docker],
        Parameters =
        [
            ParameterSpec.Bool("denyAnyUserOverride", false, "also flag any user an exec asks for, not only root"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) => new(parameters.GetBool("denyAnyUserOverride"));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        if (request.Exec is not { User: { Value.Length: > 0 } user } exec) return;
        if (UserSpec.IsRoot(user.Value))
            sink.AddInContainer(exec.Container, user.Path, exec.UserFromContainer
                ? $"exec as container user {user.Value}, which is root"
                : $"exec as user {user.Value}, which is root");
        else if (settings.DenyAnyUserOverride && !exec.UserFromContainer)
            sink.AddInContainer(exec.Container, user.Path, $"exec user override {user.Value}");
    }
}
