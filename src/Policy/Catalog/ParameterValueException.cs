namespace DockerGuard.Policy.Catalog;

/// <summary>
/// A parameter value of the right type that a rule still cannot use: a relative path where a host
/// path is needed (it would never match and silently weaken the rule), a port that is not a number.
/// Thrown from <see cref="Rule.Bind"/>; the policy loader reports it at the parameter's line.
/// </summary>
public sealed class ParameterValueException(string parameter, string problem)
    : ArgumentException($"{problem} (parameter '{parameter}')", parameter)
{
    /// <summary>What is wrong with the value, without the parameter name: "'80x' is not a port number (1-65535)".</summary>
    public string Problem { get; } = problem;
}
