using DockerGuard.Audit;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>Decisions with the spread a fleet produces: 1,000 users, 50 namespaces, 200 images, 10 rules, 30 % denied, 20 % warned.</summary>
public static class SyntheticEntries
{
    public static readonly string[] Rules = ["privileged", "host-network", "host-pid", "host-ipc", "docker-socket", "cap-sys-admin", "root-user", "no-new-privileges", "sensitive-mount", "seccomp-unconfined"];
    private static readonly PolicyVersion Version = new("sha256:5e0f2b7c1d9a8e4f3b6c2a1d0e9f8a7b", "1c2d3e4f5a6b");

    /// <summary>
    /// Entries made ahead, so a load run times the audit pipeline and not the benchmark's input;
    /// <paramref name="cpuPerEntryUs"/> says what making one cost. 10,000 keeps every spread (users,
    /// images, rules) and is reused round-robin: each RecordAsync still makes its own id and record.
    /// </summary>
    public static AuditEntry[] Pool(out double cpuPerEntryUs, int count = 10_000)
    {
        var start = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var pool = Enumerable.Range(0, count).Select(Make).ToArray();
        cpuPerEntryUs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds * 1000 / count;
        return pool;
    }

    public static AuditEntry Make(int i)
    {
        var rule = Rules[i % Rules.Length];
        var kind = i % 10;
        var outcome = kind < 3 ? DecisionOutcome.Deny : kind < 5 ? DecisionOutcome.Warn : DecisionOutcome.Allow;
        var action = outcome == DecisionOutcome.Deny ? RuleAction.Deny : RuleAction.Warn;
        var request = new WorkloadRequest
        {
            Surface = (i % 3) switch { 0 => Surface.Docker, 1 => Surface.Kubernetes, _ => Surface.Oci },
            Operation = Operation.Create,
            Subject = new Subject { User = $"user{i % 1000}", Groups = ["developers"], AuthMethod = "TLS" },
            Resource = new ResourceRef { Kind = "Pod", Namespace = $"ns{i % 50}", Name = $"web-{i % 5000}" },
            Containers = [new Container { Name = "app", Image = Field.Of($"registry.local/team{i % 20}/app{i % 200}:1.{i % 7}", "spec.containers[0].image") }],
        };
        var decision = new Decision
        {
            Outcome = outcome,
            Violations = outcome == DecisionOutcome.Allow ? [] :
            [
                new Violation { RuleId = rule, Action = action, Detail = $"{rule} requested", FieldPath = "spec.containers[0].securityContext", Remediation = "remove it", References = new References { CisV12 = "5.4" }, Policy = "baseline" },
            ],
            PolicyVersion = Version,
        };
        return new AuditEntry(request, decision, TimeSpan.FromMilliseconds(0.2)) { Route = "POST /v1.41/containers/create" };
    }
}
