using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.AuthzPlugin.Decisions;

/// <summary>
/// A request refused before any policy rule ran, because DockerGuard cannot read it exactly as the
/// daemon will (reference §5, §7, §9). It is reported and audited like a rule violation, under the
/// fixed id <see cref="RuleId"/>, so the CLI message has the same shape as every other denial.
/// </summary>
public static class RequestRejection
{
    public const string RuleId = "request-integrity";

    public static Violation Violation(string detail, string fix, string fieldPath = "") => new()
    {
        RuleId = RuleId,
        Action = RuleAction.Deny,
        Detail = detail,
        FieldPath = fieldPath,
        Remediation = fix,
        Policy = "builtin",
    };

    public static Decision Decision(PolicyVersion version, string detail, string fix, string fieldPath = "") => new()
    {
        Outcome = DecisionOutcome.Deny,
        Violations = [Violation(detail, fix, fieldPath)],
        PolicyVersion = version,
    };

    /// <summary>A policy decision with a rejection added in front (legacy start bodies).</summary>
    public static Decision Prepend(Decision decision, Violation rejection) => decision with
    {
        Outcome = DecisionOutcome.Deny,
        Violations = decision.Violations.Insert(0, rejection),
    };
}
