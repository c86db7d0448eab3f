using System.Collections.Immutable;
using System.Globalization;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Audit.Records;

/// <summary>
/// The one place an <see cref="AuditEntry"/> becomes a <see cref="DecisionRecord"/>. Only facts
/// listed here are copied, and every free-text string goes through <see cref="Redactor"/>; labels,
/// annotations and env names are deliberately not recorded (Kubernetes'
/// <c>last-applied-configuration</c> annotation carries whole manifests, env values included).
/// </summary>
public static class DecisionRecordFactory
{
    public static DecisionRecord Create(AuditEntry entry, string id, DateTimeOffset time, string host)
    {
        var request = entry.Request;
        var decision = entry.Decision;
        return new DecisionRecord
        {
            Id = id,
            Time = time,
            RequestUid = Redactor.Text(entry.DecisionId),
            Host = host,
            Surface = Name(request.Surface),
            Operation = Name(request.Operation),
            User = Redactor.Text(request.Subject.User),
            Groups = Redactor.All(request.Subject.Groups),
            AuthMethod = request.Subject.AuthMethod,
            ResourceKind = request.Resource.Kind,
            Namespace = Redactor.Text(request.Resource.Namespace),
            Name = Redactor.Text(request.Resource.Name),
            ContainerId = Redactor.Text(request.Resource.Id ?? request.Exec?.Container),
            Images = [.. request.Containers.Select(c => c.Image?.Value).OfType<string>().Select(i => Redactor.Text(i)!).Distinct(StringComparer.Ordinal)],
            Command = request.Exec is null ? [] : Redactor.Command(request.Exec.Command),
            Decision = Name(decision.Outcome),
            Violations = [.. decision.Violations.Select(Violation)],
            ExceptionsApplied = [.. decision.ExceptionsApplied.Select(Exception)],
            ExpiredExceptions = [.. decision.ExpiredExceptions.Select(Exception)],
            PolicyVersion = decision.PolicyVersion.Short,
            LatencyMs = entry.Latency.TotalMilliseconds,
            Route = Redactor.Route(entry.Route),
        };
    }

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static ViolationRecord Violation(Violation v) => new(
        v.RuleId, Name(v.Action), Redactor.Text(v.FieldPath)!, Redactor.Text(v.Detail)!, Redactor.Text(v.Container), v.Policy.Length == 0 ? null : v.Policy, References(v.References));

    private static ExceptionRecord Exception(AppliedException e) => new(
        e.Policy, e.Exception, e.RuleId, Redactor.Text(e.Reason)!, Redactor.Text(e.Owner)!, e.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Redactor.Text(e.Container));

    private static ImmutableArray<string> References(References r)
    {
        var list = ImmutableArray.CreateBuilder<string>();
        if (r.CisV12 is not null) list.Add($"CIS-1.2:{r.CisV12}");
        if (r.CisV16 is not null) list.Add($"CIS-1.6:{r.CisV16}");
        if (r.Stig is not null) list.Add($"STIG:{r.Stig}");
        if (r.PssCheck is not null) list.Add(r.PssLevel is { } level ? $"PSS-{Name(level)}:{r.PssCheck}" : $"PSS:{r.PssCheck}");
        return list.ToImmutable();
    }
}
