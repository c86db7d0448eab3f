using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// The policy the webhook serves: the policy files of <c>--policy-dir</c> compiled by the policy
/// loader, or the catalogue defaults when no directory is given or it holds no policy file (the
/// chart's empty policies ConfigMap). A broken policy directory stops the webhook from starting,
/// with the loader's file:line errors, rather than serving something else.
/// </summary>
public static class WebhookPolicy
{
    public static PolicyStore Load(string? directory)
    {
        if (directory is null) return new PolicyStore(CompiledPolicy.CatalogDefaults());
        if (!Directory.Exists(directory)) throw new CliUsageException($"policy directory '{directory}' does not exist");
        if (PolicyDirectory.PolicyFiles(directory).Count == 0) return new PolicyStore(CompiledPolicy.CatalogDefaults());
        var result = PolicyDirectory.Load(directory);
        if (result.Plan is null)
            throw new CliUsageException($"policy directory '{directory}' does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        return new PolicyStore(result.Plan);
    }
}
