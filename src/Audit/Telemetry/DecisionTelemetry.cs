using System.Diagnostics;
using System.Diagnostics.Metrics;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Telemetry;

/// <summary>
/// DockerGuard's traces and metrics, on the BCL's <see cref="ActivitySource"/> and <see cref="Meter"/>
/// (both named <see cref="Name"/>) so this library needs no OpenTelemetry package; a host exports
/// them with <c>DockerGuardTelemetry.Start</c> (src/Observability). Surfaces need not call this:
/// <see cref="Pipeline.DecisionAudit.RecordAsync"/> opens the decision span and counts the decision.
/// Policy reloads are reported by whoever reloads (<see cref="PolicyReload"/>).
/// </summary>
public static class DecisionTelemetry
{
    public const string Name = "DockerGuard";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("dockerguard.decisions", "{decision}", "Decisions by surface, operation and outcome.");
    private static readonly Counter<long> Violations = Meter.CreateCounter<long>("dockerguard.violations", "{violation}", "Violations by rule, action and surface.");
    // Buckets reach past 5 s: a stuck surface (slow audit store, slow image lookup) must show, not vanish into +Inf.
    private static readonly Histogram<double> DecisionDuration = Meter.CreateHistogram("dockerguard.decision.duration", "s", "Time from request to decision, as the surface measured it.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    private static readonly Histogram<double> AuditWriteDuration = Meter.CreateHistogram("dockerguard.audit.write.duration", "s", "Time to commit one group-commit batch.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 10] });
    private static readonly Histogram<long> AuditBatchSize = Meter.CreateHistogram<long>("dockerguard.audit.batch.size", "{record}", "Records and completions committed per transaction.");
    private static readonly Counter<long> AuditUnavailableCount = Meter.CreateCounter<long>("dockerguard.audit.unavailable", "{decision}", "Decisions whose record the store could not take, by failure mode.");
    private static readonly Counter<long> SpillReplayedCount = Meter.CreateCounter<long>("dockerguard.audit.spill.replayed", "{line}", "Spilled lines replayed into the store.");
    private static readonly Counter<long> RetentionDeletedCount = Meter.CreateCounter<long>("dockerguard.audit.retention.deleted", "{record}", "Records deleted by retention.");
    private static readonly Counter<long> PolicyReloads = Meter.CreateCounter<long>("dockerguard.policy.reloads", "{reload}", "Policy reloads by result (success, failure).");
    private static readonly Histogram<double> IndexDuration = Meter.CreateHistogram("dockerguard.audit.index.duration", "s", "Time to move one chunk of the SQLite pending journal into the database.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    private static readonly Counter<long> IndexedCount = Meter.CreateCounter<long>("dockerguard.audit.indexed", "{line}", "Pending-journal lines (records and completions) moved into the SQLite database.");
    private static readonly Counter<long> IndexFailureCount = Meter.CreateCounter<long>("dockerguard.audit.index.failures", "{failure}", "Indexing passes the SQLite database refused (writers then commit to it directly, and fail as configured).");
    private static long _queueDepth;
    private static long _journalBacklog;

    static DecisionTelemetry()
    {
        Meter.CreateObservableGauge("dockerguard.audit.queue.depth", () => Interlocked.Read(ref _queueDepth), "{record}", "Records waiting for a group commit.");
        Meter.CreateObservableGauge("dockerguard.audit.journal.backlog", () => Interlocked.Read(ref _journalBacklog), "By", "Bytes of the SQLite pending journal not yet in the database.");
    }

    /// <summary>Whether anyone listens to the decision span or its metrics: an unrecorded decision nobody observes need not build an entry.</summary>
    public static bool Observed => Decisions.Enabled || DecisionDuration.Enabled || Violations.Enabled || Source.HasListeners();

    /// <summary>Counts the decision and opens its span, back-dated by the surface's latency; dispose it when the decision is answered.</summary>
    public static Activity? StartDecision(AuditEntry entry, DateTimeOffset now)
    {
        var surface = DecisionRecordFactory.Name(entry.Request.Surface);
        var outcome = DecisionRecordFactory.Name(entry.Decision.Outcome);
        var operation = DecisionRecordFactory.Name(entry.Request.Operation);
        Decisions.Add(1, new("surface", surface), new("operation", operation), new("decision", outcome));
        foreach (var v in entry.Decision.Violations)
            Violations.Add(1, new("rule", v.RuleId), new("action", DecisionRecordFactory.Name(v.Action)), new("surface", surface));
        DecisionDuration.Record(entry.Latency.TotalSeconds, new("surface", surface), new("decision", outcome));

        var span = Source.StartActivity("dockerguard.decision", ActivityKind.Internal, parentContext: default, startTime: now - entry.Latency);
        if (span is null) return null;
        span.SetTag("dockerguard.surface", surface);
        span.SetTag("dockerguard.operation", operation);
        span.SetTag("dockerguard.decision", outcome);
        span.SetTag("dockerguard.rule_ids", entry.Decision.Violations.Select(v => v.RuleId).Distinct().ToArray());
        span.SetTag("dockerguard.policy_version", entry.Decision.PolicyVersion.Short);
        if (entry.Route is not null) span.SetTag("dockerguard.route", Redactor.Route(entry.Route));
        return span;
    }

    public static void PolicyReload(bool success) => PolicyReloads.Add(1, new KeyValuePair<string, object?>("result", success ? "success" : "failure"));

    internal static void QueueChanged(long delta) => Interlocked.Add(ref _queueDepth, delta);

    internal static void JournalBacklog(long bytes) => Interlocked.Exchange(ref _journalBacklog, bytes);

    internal static void Indexed(int lines, TimeSpan duration)
    {
        IndexDuration.Record(duration.TotalSeconds);
        IndexedCount.Add(lines);
    }

    internal static void IndexFailed() => IndexFailureCount.Add(1);

    internal static void AuditCommitted(int batch, TimeSpan duration)
    {
        AuditWriteDuration.Record(duration.TotalSeconds);
        AuditBatchSize.Record(batch);
    }

    internal static void AuditUnavailable(AuditFailureMode mode) =>
        AuditUnavailableCount.Add(1, new KeyValuePair<string, object?>("mode", mode == AuditFailureMode.FailOpen ? "fail-open" : "fail-closed"));

    internal static void SpillReplayed(int lines) => SpillReplayedCount.Add(lines);

    internal static void RetentionDeleted(int records)
    {
        if (records > 0) RetentionDeletedCount.Add(records);
    }
}
