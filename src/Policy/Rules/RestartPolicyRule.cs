using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// restart-policy: containers restart on failure a bounded number of times, or not at all.
/// Field: HostConfig.RestartPolicy {Name, MaximumRetryCount} (Docker).
/// Allowed: unset, "no", "on-failure" with 1..<c>maxRetries</c> retries. Flagged: "always",
/// "unless-stopped", on-failure with more retries or with 0 (Docker reads 0 as "retry forever"),
/// and any other name (Docker refuses it; never a silent allow).
/// </summary>
public sealed class RestartPolicyRule : Rule<long>
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new RestartPolicyRule());

    public override RuleInfo Info { get; } = new()
    {
        Id = "restart-policy",
        Title = "Bound container restarts",
        Rationale = "A container that restarts forever hides the failure and, if the failure is an attack or a crash loop, repeats it without end; on-failure with a small retry count keeps the host stable and the failure visible.",
        Remediation = "use --restart on-failure:5 (or no restart policy)",
        References = new() { CisV12 = "5.14", CisV16 = "5.15", Stig = "V-235843" },
        DefaultAction = RuleAction.Warn,
        Parameters = [ParameterSpec.Int("maxRetries", 5, "most restarts on-failure may ask for")],
        Surfaces = [Surface.Docker],
    };

    protected override long ReadSettings(RuleParameters parameters) => parameters.GetInt("maxRetries");

    protected override void Check(WorkloadRequest request, long maxRetries, ViolationSink sink)
    {
        foreach (var c in request.Containers)
        {
            if (c.RestartPolicy is not { } p) continue;
            switch (p.Name)
            {
                case "" or "no":
                    break;
                case "on-failure" when p.MaximumRetryCount <= 0:
                    sink.Add(c, p.Path, "restart policy on-failure with unlimited retries");
                    break;
                case "on-failure" when p.MaximumRetryCount > maxRetries:
                    sink.Add(c, p.Path, $"restart policy on-failure:{p.MaximumRetryCount} (more than {maxRetries} retries)");
                    break;
                case "on-failure":
                    break;
                default:
                    sink.Add(c, p.Path, $"restart policy {p.Name}");
                    break;
            }
        }
    }
}
