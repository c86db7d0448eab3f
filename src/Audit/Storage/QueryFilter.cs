using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Storage;

/// <summary>Turns an <see cref="AuditQuery"/> into one parameterised WHERE clause over <c>decisions d</c>, shared by query and stats.</summary>
internal sealed class QueryFilter
{
    public string Where { get; }
    public IReadOnlyList<(string Name, object Value)> Parameters { get; }

    public QueryFilter(AuditQuery q)
    {
        var clauses = new List<string>();
        var parameters = new List<(string, object)>();
        void Equal(string column, string name, string? value)
        {
            if (value is null) return;
            clauses.Add($"d.{column} = @{name}");
            parameters.Add((name, value));
        }
        Equal("decision", "decision", q.Decision?.ToLowerInvariant());
        Equal("surface", "surface", q.Surface?.ToLowerInvariant());
        Equal("user_name", "user", q.User);
        Equal("namespace", "ns", q.Namespace);
        Equal("host", "host", q.Host);
        if (q.Since is { } since) { clauses.Add("d.id >= @since"); parameters.Add(("since", DecisionId.Floor(since))); }
        if (q.Until is { } until) { clauses.Add("d.id < @until"); parameters.Add(("until", DecisionId.Floor(until.AddMilliseconds(1)))); }
        if (q.AfterId is { } after) { clauses.Add("d.id > @after"); parameters.Add(("after", after)); }
        if (q.Rule is { } rule)
        {
            clauses.Add("d.id IN (SELECT r.decision_id FROM decision_rules r WHERE r.rule = @rule)");
            parameters.Add(("rule", rule));
        }
        if (q.Image is { } image)
        {
            if (image.Contains('*', StringComparison.Ordinal))
            {
                clauses.Add("d.id IN (SELECT i.decision_id FROM decision_images i WHERE i.image LIKE @image)");
                parameters.Add(("image", image.Replace('*', '%')));
            }
            else
            {
                // "nginx" also matches "nginx:1.27" and "nginx@sha256:…": ranges, not LIKE, so the (image, id) key serves them.
                clauses.Add("d.id IN (SELECT i.decision_id FROM decision_images i WHERE i.image = @image OR (i.image > @imageTag AND i.image < @imageTagEnd) OR (i.image > @imageDigest AND i.image < @imageDigestEnd))");
                parameters.Add(("image", image));
                parameters.Add(("imageTag", image + ":"));
                parameters.Add(("imageTagEnd", image + ";"));
                parameters.Add(("imageDigest", image + "@"));
                parameters.Add(("imageDigestEnd", image + "A"));
            }
        }
        Where = clauses.Count == 0 ? "1=1" : string.Join(" AND ", clauses);
        Parameters = parameters;
    }
}
