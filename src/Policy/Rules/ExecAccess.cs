using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// exec-access: who may exec into (or attach to) what. Kubernetes exec has no user or privileged
/// option (the process inherits the container's security context), so the question is who opens a
/// shell in which namespace. pods/exec and pods/attach CONNECT in a protected namespace are refused
/// unless the requesting user or one of its groups is allowed. Fields: the review's namespace.
/// </summary>
public sealed class ExecAccess : Rule<ExecAccess.Settings>
{
    public sealed record Settings(string[] Namespaces, string[] Users, string[] Groups);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new ExecAccess());

    public override RuleInfo Info { get; } = new()
    {
        Id = "exec-access",
        Title = "Exec and attach into protected namespaces only as an allowed user",
        Rationale = "An interactive shell in a system or security workload runs with that workload's service account, mounts and network position; whoever may exec there holds all of it.",
        Remediation = "ask someone in an allowed group, or add your user to the rule's allowedUsers/allowedGroups in the policy (reviewed in Git)",
        Surfaces = [Surface.Kubernetes],
        Parameters =
        [
            ParameterSpec.List("protectedNamespaces", ["kube-system", "kube-public", "kube-node-lease", "dockerguard*"], "namespaces (globs) where exec and attach are restricted"),
            ParameterSpec.List("allowedUsers", [], "users (globs) who may exec and attach there"),
            ParameterSpec.List("allowedGroups", ["system:masters"], "groups (globs) whose members may exec and attach there"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) =>
        new([.. parameters.GetList("protectedNamespaces")], [.. parameters.GetList("allowedUsers")], [.. parameters.GetList("allowedGroups")]);

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        if (request.Operation is not (Operation.Exec or Operation.Attach) || request.Exec is not { } exec) return;
        if (!Glob.AnyMatches(settings.Namespaces, request.Resource.Namespace)) return;
        if (Glob.AnyMatches(settings.Users, request.Subject.User)) return;
        foreach (var g in request.Subject.Groups)
            if (Glob.AnyMatches(settings.Groups, g)) return;
        var verb = request.Operation == Operation.Exec ? "exec" : "attach";
        sink.AddInContainer(exec.Container, "request.namespace",
            $"{verb} into pod {request.Resource.Namespace}/{request.Resource.Name} by {request.Subject.User ?? "an anonymous user"}, not allowed in a protected namespace");
    }
}
