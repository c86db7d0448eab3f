using DockerGuard.Cli.Serving;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// The policy the webhook serves: the policy files of <c>--policy-dir</c> compiled by the policy
/// loader, or the catalogue defaults when no directory is given or it holds no policy file (the
/// chart's empty policies ConfigMap). A broken policy directory stops the webhook from starting,
/// with the loader's file:line errors, rather than serving something else. A directory with policy
/// files is watched like the plugin's: an edit (a ConfigMap update) that compiles replaces the
/// running plan, a broken one is logged and the old plan stays.
/// </summary>
public static class WebhookPolicy
{
    public static ServedPolicy Load(string? directory, Action<string>? log = null)
    {
        if (directory is null) return ServedPolicy.Fixed(CompiledPolicy.CatalogDefaults(), "catalogue defaults");
        if (Directory.Exists(directory) && PolicyDirectory.PolicyFiles(directory).Count == 0)
            return ServedPolicy.Fixed(CompiledPolicy.CatalogDefaults(), $"catalogue defaults ({directory} holds no policy file)");
        return ServedPolicy.Watch(directory, log);
    }
}
