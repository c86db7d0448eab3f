using DockerGuard.Audit;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary>
/// A real audit store filled with records through the same factory the servers use, at times
/// relative to now so relative filters (<c>--since 7d</c>) select a known set.
/// </summary>
public static class AuditStoreSeed
{
    public static readonly PolicyVersion Version = new("sha256:0123456789abcdef0123456789abcdef", "89abcdef0123");

    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>Five decisions: two privileged denials (one 10 days old), a host-network denial, a warning, an allow.</summary>
    public static IReadOnlyList<DecisionRecord> Records { get; } =
    [
        Record(TimeSpan.FromDays(10), "node-3", Request(Surface.Docker, "dave", "nginx:1.25"), Deny("privileged", "HostConfig.Privileged")),
        Record(TimeSpan.FromDays(3), "node-2", Request(Surface.Kubernetes, "bob", "busybox:1.36", "team-b"), Deny("host-network", "spec.hostNetwork")),
        Record(TimeSpan.FromDays(2), "node-1", Request(Surface.Docker, "alice", "nginx:1.27"), Deny("privileged", "HostConfig.Privileged")),
        Record(TimeSpan.FromDays(1), "node-1", Request(Surface.Docker, "carol", "redis:7"), Warn("host-pid", "HostConfig.PidMode")),
        Record(TimeSpan.FromHours(1), "node-2", Request(Surface.Oci, "erin", "registry.example/app:2"), Allowed()),
    ];

    public static async Task FillAsync(string connection, IEnumerable<DecisionRecord>? records = null)
    {
        await using var store = AuditStoreFactory.Open(connection);
        await store.MigrateAsync();
        await store.WriteAsync([.. records ?? Records], []);
    }

    public static DecisionRecord Record(TimeSpan ago, string host, WorkloadRequest request, Decision decision) =>
        DecisionRecordFactory.Create(new AuditEntry(request, decision, TimeSpan.FromMilliseconds(0.3)), DecisionId.New(Now - ago), Now - ago, host);

    public static WorkloadRequest Request(Surface surface, string user, string image, string? ns = null) => new()
    {
        Surface = surface,
        Operation = Operation.Create,
        Subject = new Subject { User = user, Groups = ["dev"], AuthMethod = "TLS" },
        Resource = new ResourceRef { Kind = surface == Surface.Kubernetes ? "Pod" : "Container", Namespace = ns, Name = "web" },
        Containers = [new Container { Name = "web", Image = Field.Of(image, "Image") }],
    };

    public static Decision Deny(string rule, string field) => new()
    {
        Outcome = DecisionOutcome.Deny,
        Violations = [Violation(rule, field, RuleAction.Deny)],
        PolicyVersion = Version,
    };

    public static Decision Warn(string rule, string field) => new()
    {
        Outcome = DecisionOutcome.Warn,
        Violations = [Violation(rule, field, RuleAction.Warn)],
        PolicyVersion = Version,
    };

    public static Decision Allowed() => new() { Outcome = DecisionOutcome.Allow, Violations = [], PolicyVersion = Version };

    private static Violation Violation(string rule, string field, RuleAction action) => new()
    {
        RuleId = rule,
        Action = action,
        Detail = rule + " requested",
        FieldPath = field,
        Remediation = "remove it",
        References = new References { CisV12 = "5.4" },
        Policy = "baseline",
    };
}
