using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Admission.Tests.Support;

/// <summary>
/// The PSS levels as DockerGuard policies: the catalogue rules that port a PSS check, at deny, with
/// the parameters that make a rule mean the restricted check where one rule serves both levels
/// (capabilities_restricted, procMount_restricted). Built from the catalogue's PssCheck references,
/// so a rule that claims a check is held to Kubernetes' verdicts.
/// </summary>
public static class PssPolicy
{
    public static readonly ImmutableArray<string> BaselineChecks =
    [
        "privileged", "hostNamespaces", "hostPathVolumes", "hostPorts", "capabilities_baseline", "hostProbesAndHostLifecycle",
        "windowsHostProcess", "procMount", "seccompProfile_baseline", "seLinuxOptions", "sysctls", "appArmorProfile",
    ];

    public static readonly ImmutableArray<string> RestrictedChecks =
    [
        "allowPrivilegeEscalation", "capabilities_restricted", "procMount_restricted", "restrictedVolumes", "runAsNonRoot", "runAsUser", "seccompProfile_restricted",
    ];

    /// <summary>Restricted checks carried by a baseline rule with other parameters.</summary>
    private static readonly ImmutableDictionary<string, (string Rule, ImmutableDictionary<string, object> Parameters)> ParameterisedRestricted =
        new Dictionary<string, (string, ImmutableDictionary<string, object>)>
        {
            ["capabilities_restricted"] = ("capabilities", ImmutableDictionary<string, object>.Empty
                .Add("allowed", ImmutableArray.Create("NET_BIND_SERVICE")).Add("requireDropAll", true)),
            ["procMount_restricted"] = ("masked-paths-removed", ImmutableDictionary<string, object>.Empty.Add("allowWithUserNamespace", false)),
        }.ToImmutableDictionary();

    /// <summary>The rule ids porting a check (by their PssCheck reference, or the parameterised rule above).</summary>
    public static IReadOnlyList<string> RulesFor(string check) =>
        ParameterisedRestricted.TryGetValue(check, out var p)
            ? [p.Rule]
            : [.. RuleCatalog.All.Where(r => r.Info.References.PssCheck == check).Select(r => r.Info.Id)];

    public static PolicyStore Baseline() => Build(BaselineChecks, restricted: false);

    public static PolicyStore Restricted() => Build([.. BaselineChecks, .. RestrictedChecks], restricted: true);

    private static PolicyStore Build(IEnumerable<string> checks, bool restricted)
    {
        var entries = new Dictionary<string, PlanEntry>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            foreach (var id in RulesFor(check))
            {
                var rule = RuleCatalog.Find(id)!;
                var parameters = RuleParameters.Defaults(rule.Info);
                // A restricted override replaces the baseline binding of the same rule (PSS "overrides").
                foreach (var (overrideCheck, (overrideRule, values)) in ParameterisedRestricted)
                    if (restricted && overrideRule == id && RestrictedChecks.Contains(overrideCheck))
                        parameters = new RuleParameters(rule.Info.Parameters, values);
                entries[id] = new PlanEntry(rule.Bind(parameters), RuleAction.Deny, restricted ? "pss-restricted" : "pss-baseline", Scope.Everything, []);
            }
        }
        return new PolicyStore(new CompiledPolicy([.. entries.Values], new PolicyVersion(restricted ? "pss-restricted" : "pss-baseline"), ["pss"]));
    }
}
