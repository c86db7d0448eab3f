using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>Collects every problem of one load so a user fixes them in one pass, not one per run.</summary>
public sealed class Diagnostics
{
    private readonly List<Diagnostic> _all = [];

    /// <summary>Every diagnostic in file, line, column order (a stable sort: same-position ones keep their order).</summary>
    public IReadOnlyList<Diagnostic> All => [.. _all.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)];
    public bool HasErrors => _all.Exists(d => d.IsError);
    public IEnumerable<Diagnostic> Errors => _all.Where(d => d.IsError);
    public IEnumerable<Diagnostic> Warnings => _all.Where(d => !d.IsError);

    public void Error(string file, YamlNode? at, string message, string? hint = null) => Add(DiagnosticSeverity.Error, file, at?.Start, message, hint);
    public void Error(string file, Mark? at, string message, string? hint = null) => Add(DiagnosticSeverity.Error, file, at, message, hint);
    public void Warning(string file, YamlNode? at, string message, string? hint = null) => Add(DiagnosticSeverity.Warning, file, at?.Start, message, hint);

    /// <summary>A problem with a file or directory as a whole (missing, empty).</summary>
    public void FileError(string file, string message, string? hint = null) => Add(DiagnosticSeverity.Error, file, null, message, hint);
    public void FileWarning(string file, string message, string? hint = null) => Add(DiagnosticSeverity.Warning, file, null, message, hint);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _all.AddRange(diagnostics);

    private void Add(DiagnosticSeverity severity, string file, Mark? at, string message, string? hint) =>
        _all.Add(new Diagnostic(severity, file, (int)(at?.Line ?? 0), (int)(at?.Column ?? 0), message, hint));
}
