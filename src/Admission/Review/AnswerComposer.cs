using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Admission.Review;

/// <summary>
/// Turns a policy <see cref="Decision"/> into an <see cref="AdmissionAnswer"/>: the denial message,
/// warnings (each at most <see cref="MaxWarningLength"/> characters, since the apiserver truncates
/// long Warning headers), and audit annotations with the rule ids, decision and policy version.
/// </summary>
public static class AnswerComposer
{
    public const int MaxWarningLength = 120;
    public const int MaxWarnings = 16;
    public const string Prefix = "dockerguard: ";

    public static AdmissionAnswer Compose(string uid, Decision decision, bool warnOnly)
    {
        var denials = decision.Denials.ToList();
        var allowed = decision.Allowed || warnOnly;
        var toWarn = decision.Violations.Where(v => v.Action == RuleAction.Warn || (warnOnly && v.Action == RuleAction.Deny)).ToList();
        var outcome = allowed ? (toWarn.Count > 0 ? "warn" : "allow") : "deny";
        return new AdmissionAnswer
        {
            Uid = uid,
            Allowed = allowed,
            Message = allowed ? null : Prefix + ViolationText.Summary(denials),
            Warnings = Warnings(toWarn),
            AuditAnnotations = Annotations(outcome, decision),
        };
    }

    public static ImmutableDictionary<string, string> Annotations(string outcome, Decision? decision, string? reason = null)
    {
        var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        b["decision"] = outcome;
        if (decision is not null)
        {
            b["policy-version"] = decision.PolicyVersion.Short;
            var rules = decision.Violations.Select(v => v.RuleId).Distinct(StringComparer.Ordinal).ToList();
            if (rules.Count > 0) b["rules"] = string.Join(',', rules);
        }
        if (reason is not null) b["reason"] = Shorten(reason, 256);
        return b.ToImmutable();
    }

    private static ImmutableArray<string> Warnings(List<Violation> violations)
    {
        if (violations.Count == 0) return [];
        var b = ImmutableArray.CreateBuilder<string>();
        foreach (var v in violations.Take(MaxWarnings))
            b.Add(Shorten(Prefix + ViolationText.What(v), MaxWarningLength));
        if (violations.Count > MaxWarnings)
            b.Add($"{Prefix}and {violations.Count - MaxWarnings} more violations");
        return b.ToImmutable();
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";
}
