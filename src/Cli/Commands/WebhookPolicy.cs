using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// The policy the webhook serves. Policy files are compiled by the policy-file loader; until that
/// is part of this build, a directory holding policy files is refused rather than ignored, so a
/// deployment never believes it enforces a policy it does not.
/// </summary>
public static class WebhookPolicy
{
    public static PolicyStore Load(string? directory)
    {
        if (directory is not null)
        {
            if (!Directory.Exists(directory)) throw new CliUsageException($"policy directory '{directory}' does not exist");
            var files = Directory.EnumerateFiles(directory, "*.y*ml").ToList();
            if (files.Count > 0)
                throw new CliUsageException($"{files.Count} policy file(s) in '{directory}' but this build has no policy-file loader; remove --policy-dir to run the catalogue defaults");
        }
        return new PolicyStore(CompiledPolicy.CatalogDefaults());
    }
}
