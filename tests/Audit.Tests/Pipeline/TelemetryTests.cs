using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Telemetry;
using DockerGuard.Audit.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>
/// What a decision emits, seen through the BCL listeners an OpenTelemetry SDK uses: one span with
/// the decision's attributes, and the DockerGuard instruments. A rule id unique to each test tells
/// its measurements apart from those of tests running alongside.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _rule = "telemetry-" + Guid.NewGuid().ToString("N")[..8];

    private DecisionAudit Start() =>
        new(Storage.AuditStoreFactory.Open("sqlite:" + _dir.File("audit.db")), new AuditOptions { SpillPath = _dir.File("spill.jsonl") }, new CapturingLogger());

    [Fact]
    public async Task A_recorded_decision_has_one_span_with_surface_operation_decision_rules_and_policy_version()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DecisionTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var audit = Start();
        var id = await audit.RecordAsync(Entries.Denied(rule: _rule));

        var span = spans.Should().ContainSingle(s => (string?)s.GetTagItem("dockerguard.decision_id") == id).Subject;
        span.OperationName.Should().Be("dockerguard.decision");
        span.GetTagItem("dockerguard.surface").Should().Be("docker");
        span.GetTagItem("dockerguard.operation").Should().Be("create");
        span.GetTagItem("dockerguard.decision").Should().Be("deny");
        span.GetTagItem("dockerguard.rule_ids").Should().BeEquivalentTo(new[] { _rule });
        span.GetTagItem("dockerguard.policy_version").Should().Be(Entries.Version.Short);
        span.GetTagItem("dockerguard.audit.write_ms").Should().BeOfType<double>();
        span.Duration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(0.4), "the span starts when the surface started deciding");
    }

    [Fact]
    public async Task Decisions_latency_audit_writes_and_queue_depth_are_measured()
    {
        var measured = new ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DecisionTelemetry.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Enqueue((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Enqueue((i.Name, v, Tags(tags))));
        listener.Start();

        await using (var audit = Start())
        {
            // The first commit goes straight to SQLite (it proves the store writable); the rest through the pending journal.
            await audit.RecordAsync(Entries.Denied(rule: _rule));
            await Task.WhenAll(Enumerable.Range(0, 19).Select(_ => audit.RecordAsync(Entries.Denied(rule: _rule)).AsTask()));
        }
        listener.RecordObservableInstruments();

        measured.Where(m => m.Name == "dockerguard.violations" && Equals(m.Tags["rule"], _rule))
            .Should().HaveCount(20).And.OnlyContain(m => Equals(m.Tags["action"], "deny") && Equals(m.Tags["surface"], "docker"));
        measured.Should().Contain(m => m.Name == "dockerguard.decisions" && Equals(m.Tags["surface"], "docker") && Equals(m.Tags["decision"], "deny") && Equals(m.Tags["operation"], "create"));
        measured.Should().Contain(m => m.Name == "dockerguard.decision.duration" && Math.Abs(m.Value - 0.0004) < 1e-9);
        measured.Should().Contain(m => m.Name == "dockerguard.audit.write.duration" && m.Value > 0);
        measured.Where(m => m.Name == "dockerguard.audit.batch.size").Sum(m => m.Value).Should().BeGreaterThanOrEqualTo(20);
        measured.Should().Contain(m => m.Name == "dockerguard.audit.queue.depth", "the gauge reports the group-commit queue");
        // SQLite: the pending journal's lines reach the database (at the latest when the audit is disposed above).
        measured.Where(m => m.Name == "dockerguard.audit.indexed").Sum(m => m.Value).Should().BeGreaterThanOrEqualTo(1);
        measured.Should().Contain(m => m.Name == "dockerguard.audit.index.duration" && m.Value > 0);
        measured.Should().Contain(m => m.Name == "dockerguard.audit.journal.backlog", "the gauge reports the journal not yet indexed");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in tags) d[t.Key] = t.Value;
        return d;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
