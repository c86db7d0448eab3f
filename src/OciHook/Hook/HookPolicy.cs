using DockerGuard.Policy.Evaluation;

namespace DockerGuard.OciHook.Hook;

/// <summary>The installed policy. A policy that cannot be loaded fails closed: the hook never guesses a policy.</summary>
public static class HookPolicy
{
    public static CompiledPolicy Load(HookSettings settings)
    {
        if (settings.PolicyPath is { } path)
            throw new HookSetupException($"{HookSettings.PolicyVariable}={path}: policy files are not supported by this build yet; unset it to run the built-in catalogue");
        return CompiledPolicy.CatalogDefaults();
    }
}
