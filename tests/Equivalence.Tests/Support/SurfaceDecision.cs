using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Equivalence.Tests.Support;

/// <summary>What one surface answered (allowed or not) and the engine decision it recorded.</summary>
public sealed record SurfaceDecision(string Surface, bool Allowed, Decision Decision, string Answer)
{
    public RuleAction? ActionOf(string ruleId) =>
        Decision.Violations.Where(v => v.RuleId == ruleId).Select(v => (RuleAction?)v.Action).FirstOrDefault();

    public IEnumerable<string> DeniedRules => Decision.Denials.Select(v => v.RuleId).Distinct().Order(StringComparer.Ordinal);

    public override string ToString() =>
        $"{Surface}: {(Allowed ? "allowed" : "denied")} [{string.Join(", ", Decision.Violations.Select(v => $"{v.RuleId}:{v.Action}@{v.FieldPath}"))}] {Answer}";
}
