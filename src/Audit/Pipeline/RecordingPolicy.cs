using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Audit.Pipeline;

/// <summary>What gets recorded: every decision except a plain allow (no violations, no exceptions) of a read-only call, unless configured to record all.</summary>
public static class RecordingPolicy
{
    public static bool ShouldRecord(AuditEntry entry, bool recordAll) => ShouldRecord(entry.Decision, entry.ReadOnlyCall, recordAll);

    public static bool ShouldRecord(Decision decision, bool readOnlyCall, bool recordAll) =>
        recordAll || !readOnlyCall || !IsPlainAllow(decision);

    public static bool IsPlainAllow(Decision d) =>
        d.Outcome == DecisionOutcome.Allow && d.Violations.IsDefaultOrEmpty && d.ExceptionsApplied.IsDefaultOrEmpty && d.ExpiredExceptions.IsDefaultOrEmpty;
}
