namespace DockerGuard.Policy.Files;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in a policy or test file, located at the YAML node that caused it.
/// Rendered as <c>file:line:col: what is wrong; what to do</c>, the form editors and CI logs link.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string File, int Line, int Column, string Message, string? Hint = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var what = Hint is null ? Message : $"{Message}; {Hint}";
        return Severity == DiagnosticSeverity.Warning ? $"{where}: warning: {what}" : $"{where}: {what}";
    }
}
