using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Audit.Tests.Support;

/// <summary>Audit entries for tests: a denied privileged create, a warned one, a read-only allow.</summary>
public static class Entries
{
    public static readonly PolicyVersion Version = new("sha256:0123456789abcdef0123456789abcdef", "89abcdef0123");

    public static WorkloadRequest Create(string image = "nginx:1.27", string user = "alice", string? ns = null, Surface surface = Surface.Docker) => new()
    {
        Surface = surface,
        Operation = Operation.Create,
        Subject = new Subject { User = user, Groups = ["dev"], AuthMethod = "TLS" },
        Resource = new ResourceRef { Kind = surface == Surface.Kubernetes ? "Pod" : "Container", Namespace = ns, Name = "web" },
        Containers = [new Container { Name = "web", Image = Field.Of(image, "Image") }],
    };

    public static Violation Violation(string rule, RuleAction action = RuleAction.Deny, string detail = "privileged container") => new()
    {
        RuleId = rule,
        Action = action,
        Detail = detail,
        FieldPath = "HostConfig.Privileged",
        Remediation = "drop --privileged",
        References = new References { CisV12 = "5.4", Stig = "V-235802" },
        Policy = "baseline",
    };

    public static Decision Deny(params Violation[] violations) => new()
    {
        Outcome = DecisionOutcome.Deny,
        Violations = violations.Length == 0 ? [Violation("privileged")] : [.. violations],
        PolicyVersion = Version,
    };

    public static Decision Allow(params Violation[] violations) => new()
    {
        Outcome = violations.Any(v => v.Action == RuleAction.Warn) ? DecisionOutcome.Warn : DecisionOutcome.Allow,
        Violations = [.. violations],
        PolicyVersion = Version,
    };

    public static AuditEntry Denied(string image = "nginx:1.27", string user = "alice", string? ns = null, string rule = "privileged") =>
        new(Create(image, user, ns), Deny(Violation(rule)), TimeSpan.FromMilliseconds(0.4)) { Route = "POST /v1.41/containers/create" };

    public static AuditEntry ReadOnlyAllow() =>
        new(new WorkloadRequest { Surface = Surface.Docker, Operation = Operation.Other }, Allow(), TimeSpan.FromMilliseconds(0.1)) { ReadOnlyCall = true, Route = "GET /v1.41/containers/json" };

    public static ImmutableArray<string> Names(params string[] names) => [.. names];
}
