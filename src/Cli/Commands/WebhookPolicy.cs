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
    public static (PolicyStore Store, PolicyWatcher? Watcher) Load(string? directory, Action<string>? log = null)
    {
        if (directory is null) return (new PolicyStore(CompiledPolicy.CatalogDefaults()), null);
        if (!Directory.Exists(directory)) throw new CliUsageException($"policy directory '{directory}' does not exist");
        if (PolicyDirectory.PolicyFiles(directory).Count == 0) return (new PolicyStore(CompiledPolicy.CatalogDefaults()), null);
        var result = PolicyDirectory.Load(directory);
        if (result.Plan is null)
            throw new CliUsageException($"policy directory '{directory}' does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        var store = new PolicyStore(result.Plan);
        var watcher = new PolicyWatcher(directory, store, new PolicyWatcherOptions { Log = log });
        watcher.Start();
        return (store, watcher);
    }
}
