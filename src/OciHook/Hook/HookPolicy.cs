using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// The installed policy: the policy files of <c>DOCKERGUARD_POLICY</c> (a directory, loaded as the other
/// surfaces load it), or the catalogue defaults when unset. A directory that is missing, empty or does
/// not compile fails closed with the loader's first file:line error: the hook never guesses a policy.
/// The YAML is parsed on every run; only the version's hash may come from <see cref="PolicyHashCache"/>.
/// </summary>
public static class HookPolicy
{
    public static CompiledPolicy Load(HookSettings settings)
    {
        if (settings.PolicyPath is not { } dir) return CompiledPolicy.CatalogDefaults();
        var result = PolicyDirectory.Load(dir, hash: settings.PolicyCachePath is { } cache ? new PolicyHashCache(cache).Hash : null);
        if (result.Plan is { } plan) return plan;
        var first = result.Errors.FirstOrDefault()?.ToString() ?? "no policy";
        var more = result.Errors.Count() - 1;
        throw new HookSetupException($"{HookSettings.PolicyVariable}={dir} does not compile: {first}{(more > 0 ? $" (+{more} more errors; run dockerguard policy lint {dir})" : "")}");
    }
}
