using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// run-as-root: no container may ask to run as root.
/// Fields: User (Docker; every spelling of uid 0, see <see cref="UserSpec"/>), process.user (OCI),
/// spec.securityContext.runAsUser and every container's securityContext.runAsUser (Kubernetes, each
/// level on its own as PSS runAsUser does: a pod-level 0 fails even where containers override it).
/// Allowed: a non-zero uid, a name other than root, unset (the image default) unless
/// requireExplicitUser. uid 0 in a user namespace of its own is not host root: allowed on Kubernetes
/// with hostUsers: false (PSS v1.35+) and on OCI with a user namespace. Docker keeps CIS's reading.
/// </summary>
public sealed class RunAsRoot : Rule<RunAsRoot.Settings>
{
    public sealed record Settings(bool RequireExplicitUser);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new RunAsRoot());

    public override RuleInfo Info { get; } = new()
    {
        Id = "run-as-root",
        Title = "Do not run containers as root",
        Rationale = "Root in the container is root on the host unless a user namespace maps it away: one escape, one writable host mount or one dangerous capability away from the host. CIS 4.1 asks for a non-root user in every image and container.",
        Remediation = "run as a non-zero uid: --user 1000:1000 (runAsUser: 1000)",
        References = new() { CisV12 = "4.1", CisV16 = "4.1", PssCheck = "runAsUser", PssLevel = PssLevel.Restricted },
        DefaultAction = RuleAction.Warn,
        Parameters =
        [
            ParameterSpec.Bool("requireExplicitUser", false,
                "also flag a container that sets no user and so runs as the image's user, often root (runAsNonRoot: true counts as set)"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) => new(parameters.GetBool("requireExplicitUser"));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        if (request.Surface != Surface.Docker && UserNamespace.IsOwn(request)) return;
        var pod = request.Sandbox.PodSecurity;
        FlagRoot(pod, null, sink);
        foreach (var c in request.Containers)
        {
            FlagRoot(c.Security, c, sink);
            if (settings.RequireExplicitUser && !NamesUser(c.Security) && !NamesUser(pod) && !RequiresNonRoot(c.Security, pod))
                sink.Add(c, UnsetSettingPath.User(request, c), "no user set (image default)");
        }
    }

    private static void FlagRoot(ProcessSecurity security, Container? c, ViolationSink sink)
    {
        if (security.User is { } u && UserSpec.IsRoot(u.Value))
            sink.Add(c, u.Path, $"user {u.Value} is root");
        if (security.RunAsUser is { Value: 0 } r)
            sink.Add(c, r.Path, "runAsUser 0 is root");
    }

    private static bool NamesUser(ProcessSecurity s) => s.User is { Value.Length: > 0 } || s.RunAsUser is not null;

    /// <summary>runAsNonRoot: true (container wins over pod): the kubelet refuses to start an image whose user is root.</summary>
    private static bool RequiresNonRoot(ProcessSecurity container, ProcessSecurity pod) =>
        (container.RunAsNonRoot ?? pod.RunAsNonRoot) is { Value: true };
}
