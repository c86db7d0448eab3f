using System.Collections.Immutable;
using YamlDotNet.Core;

namespace DockerGuard.Policy.Files;

/// <summary>
/// Loads every <c>*.yaml</c> / <c>*.yml</c> file directly in a directory (not in subdirectories:
/// <c>tests/</c> holds policy tests and <c>optional/</c> policies that are not enforced) and
/// compiles them into one plan. Policy names must be unique across the directory.
/// </summary>
public static class PolicyDirectory
{
    public static IReadOnlyList<string> PolicyFiles(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(IsYaml)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();

    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);

    /// <param name="directory">The policy directory; file names in messages are relative to the current directory as given.</param>
    /// <param name="time">Clock for expired-exception warnings.</param>
    /// <param name="hash">How the version hashes the canonical text (<see cref="PolicyCompiler.Compile"/>).</param>
    public static PolicyLoadResult Load(string directory, TimeProvider? time = null, Func<string, string>? hash = null)
    {
        var diagnostics = new Diagnostics();
        if (!Directory.Exists(directory))
        {
            diagnostics.FileError(directory, "policy directory does not exist", "pass the directory that holds your *.yaml policies");
            return new PolicyLoadResult { Directory = directory, Diagnostics = [.. diagnostics.All] };
        }
        var files = PolicyFiles(directory);
        if (files.Count == 0)
            diagnostics.FileError(directory, "no policy files (*.yaml, *.yml) in this directory", "add a policy, e.g. copy policies/cis-runtime.yaml");

        var documents = new List<PolicyDocument>();
        foreach (var file in files)
            if (PolicyFileParser.Load(file, diagnostics) is { } doc) documents.Add(doc);

        CheckUniqueNames(documents, diagnostics);
        WarnExpired(documents, diagnostics, time ?? TimeProvider.System);

        var plan = diagnostics.HasErrors ? null : PolicyCompiler.Compile(documents, GitCheckout.HeadCommit(directory), hash);
        return new PolicyLoadResult
        {
            Directory = directory,
            Plan = plan,
            Documents = [.. documents],
            Diagnostics = [.. diagnostics.All],
            Files = [.. files],
        };
    }

    private static void CheckUniqueNames(List<PolicyDocument> documents, Diagnostics diagnostics)
    {
        var seen = new Dictionary<string, PolicyDocument>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            if (seen.TryGetValue(doc.Name, out var first))
                diagnostics.Error(doc.File, doc.NameAt, $"policy name '{doc.Name}' is already used by {first.File}:{first.NameAt.Line}",
                    "give every policy in the directory its own metadata.name");
            else seen[doc.Name] = doc;
        }
    }

    /// <summary>Expired exceptions still load (they simply stop applying); their owners should renew or remove them.</summary>
    private static void WarnExpired(List<PolicyDocument> documents, Diagnostics diagnostics, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var doc in documents)
            foreach (var ex in doc.Exceptions)
                if (ex.IsExpired(today))
                {
                    var at = doc.ExceptionsAt.GetValueOrDefault(ex.Name);
                    diagnostics.AddRange([new Diagnostic(DiagnosticSeverity.Warning, doc.File, (int)at.Line, (int)at.Column,
                        $"exception '{ex.Name}' of policy '{doc.Name}' expired on {ex.Expires:yyyy-MM-dd} and no longer applies",
                        $"{ex.Owner} should renew it with a new expiry date or remove it")]);
                }
    }
}
