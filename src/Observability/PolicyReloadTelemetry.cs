using DockerGuard.Audit.Telemetry;
using DockerGuard.Policy.Files;

namespace DockerGuard.Observability;

/// <summary>Counts a <see cref="PolicyWatcher"/>'s reloads in <c>dockerguard.policy.reloads{result=success|failure}</c>.</summary>
public static class PolicyReloadTelemetry
{
    public static PolicyWatcher Observed(this PolicyWatcher watcher)
    {
        watcher.Reloaded += _ => DecisionTelemetry.PolicyReload(success: true);
        watcher.ReloadFailed += _ => DecisionTelemetry.PolicyReload(success: false);
        return watcher;
    }
}
