namespace DockerGuard.Policy.Evaluation;

public enum DecisionOutcome
{
    Allow,
    /// <summary>Allowed, with violations the user should see.</summary>
    Warn,
    Deny,
}
