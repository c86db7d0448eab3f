using System.Collections.Immutable;
using DockerGuard.Admission.Review;
using DockerGuard.Audit;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Admission.Tests.Support;

/// <summary>Handlers over real policies: the catalogue's defaults, or a policy of chosen rules and actions.</summary>
public static class Engine
{
    public static PolicyStore Defaults() => new(CompiledPolicy.CatalogDefaults());

    public static PolicyStore With(params (string Rule, RuleAction Action)[] rules)
    {
        var entries = rules.Select(r =>
        {
            var rule = RuleCatalog.Find(r.Rule) ?? throw new InvalidOperationException($"no rule {r.Rule}");
            return new PlanEntry(rule.BindDefaults(), r.Action, "test", Scope.Everything, []);
        }).ToImmutableArray();
        return new PolicyStore(new CompiledPolicy(entries, new PolicyVersion("sha256:test"), ["test"]));
    }

    public static ReviewHandler Handler(PolicyStore? store = null, IDecisionAudit? audit = null, ControllerMode mode = ControllerMode.Deny) =>
        new(store ?? Defaults(), audit ?? NoDecisionAudit.Instance, mode);

    public static HandledReview Handle(byte[] body, PolicyStore? store = null, IDecisionAudit? audit = null, ControllerMode mode = ControllerMode.Deny) =>
        Handler(store, audit, mode).HandleAsync(body, CancellationToken.None).GetAwaiter().GetResult();
}
