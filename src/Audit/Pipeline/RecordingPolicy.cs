using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Audit.Pipeline;

/// <summary>What gets recorded: every decision except a plain allow (no violations, no exceptions) of a read-only call, unless configured to record all.</summary>
public static class RecordingPolicy
{
    public static bool ShouldRecord(AuditEntry entry, bool recordAll) =>
        recordAll || !entry.ReadOnlyCall || !IsPlainAllow(entry.Decision);

    public static bool IsPlainAllow(Decision d) =>
        d.Outcome == DecisionOutcome.Allow && d.Violations.IsDefaultOrEmpty && d.ExceptionsApplied.IsDefaultOrEmpty && d.ExpiredExceptions.IsDefaultOrEmpty;
}
