namespace DockerGuard.Policy.Evaluation;

/// <summary>An exception that matched a violation, or would have if it had not expired.</summary>
public sealed record AppliedException(string Policy, string Exception, string RuleId, string Reason, string Owner, DateOnly? Expires, string? Container);
