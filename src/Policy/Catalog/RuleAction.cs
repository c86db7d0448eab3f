namespace DockerGuard.Policy.Catalog;

/// <summary>What a violated rule does to the request.</summary>
public enum RuleAction
{
    /// <summary>The request is refused.</summary>
    Deny,
    /// <summary>The request proceeds; the user is told (Kubernetes warnings, Docker audit) and it is recorded.</summary>
    Warn,
    /// <summary>The request proceeds silently; the violation is only recorded.</summary>
    Audit,
    /// <summary>The rule is not evaluated.</summary>
    Off,
}
