using System.Collections.Immutable;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// A reviewed, owned, expiring exemption from some rules, written in a policy file. Every match
/// list that is non-empty must match; a list matches when any pattern does. Labels match by exact
/// key and glob value. Exceptions come only from policy files, never from anything a tenant sets.
/// </summary>
public sealed record PolicyException
{
    public required string Name { get; init; }
    /// <summary>Rule ids covered; "*" covers every rule of the policy.</summary>
    public required ImmutableArray<string> Rules { get; init; }
    public required string Reason { get; init; }
    public required string Owner { get; init; }
    /// <summary>Last day the exception applies (inclusive, UTC). Null only if the policy allows open-ended exceptions.</summary>
    public DateOnly? Expires { get; init; }

    public ImmutableArray<string> Namespaces { get; init; } = [];
    public ImmutableArray<string> Images { get; init; } = [];
    public ImmutableArray<string> Containers { get; init; } = [];
    public ImmutableArray<string> Users { get; init; } = [];
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public bool CoversRule(string ruleId) => Rules.Contains("*") || Rules.Contains(ruleId);

    public bool IsExpired(DateOnly today) => Expires is { } e && today > e;

    /// <summary>Whether the exception's match covers this violation of this request.</summary>
    public bool Matches(WorkloadRequest request, string? containerName)
    {
        if (!Namespaces.IsEmpty && !Glob.AnyMatches(Namespaces, request.Resource.Namespace)) return false;
        if (!Users.IsEmpty && !Glob.AnyMatches(Users, request.Subject.User)) return false;
        foreach (var (key, pattern) in Labels)
            if (!request.Resource.Labels.TryGetValue(key, out var v) || !Glob.Matches(pattern, v)) return false;

        if (Images.IsEmpty && Containers.IsEmpty) return true;
        // Container-level match: the violating container must itself be covered. A sandbox-level
        // violation (host network) is covered only if every container is, so one exempt image
        // cannot carry a non-exempt sidecar onto the host network.
        if (containerName is not null)
        {
            foreach (var c in request.Containers)
                if (c.Name == containerName) return ContainerMatches(c);
            return false;
        }
        if (request.Containers.IsEmpty) return false;
        foreach (var c in request.Containers)
            if (!ContainerMatches(c)) return false;
        return true;
    }

    private bool ContainerMatches(Container c) =>
        (Images.IsEmpty || Glob.AnyMatches(Images, c.Image?.Value)) &&
        (Containers.IsEmpty || Glob.AnyMatches(Containers, c.Name));
}
