using DockerGuard.Cli.Output;
using DockerGuard.Cli.PolicyTests;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// <c>dockerguard policy lint DIR</c>: loads every policy set under DIR and parses its test files,
/// reporting each problem as <c>file:line:col: what; what to do</c>. Warnings (expired exceptions,
/// exceptions for rules a policy does not run) do not fail the lint.
/// </summary>
public sealed class PolicyLintCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["policy", "lint"];
    public string Summary => "check policy files (and their tests) for errors";
    public string Usage => "dockerguard policy lint DIR [--output text|json]\n  exit 0: no errors; 1: errors found; 3: DIR missing";

    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var format = OutputFormats.Read(a, "text", "json");
        a.RejectUnknown();
        if (a.Positionals.Count != 1) throw new CliUsageException("give exactly one policy directory");
        var root = a.Positionals[0];
        if (!Directory.Exists(root))
        {
            context.Error.WriteLine($"{root}: policy directory does not exist; pass the directory that holds your *.yaml policies");
            return Task.FromResult(ExitCodes.BadInput);
        }

        var sets = PolicySet.Find(root);
        var loads = new List<(PolicySet Set, PolicyLoadResult Load, IReadOnlyList<Diagnostic> Diagnostics)>();
        foreach (var set in sets)
        {
            var load = PolicyDirectory.Load(set.Directory);
            var diagnostics = new Diagnostics();
            diagnostics.AddRange(set.PolicyFiles.Count > 0 ? load.Diagnostics : []);
            foreach (var test in set.TestFiles) PolicyTestParser.Load(test, diagnostics);
            if (set.PolicyFiles.Count == 0)
                diagnostics.FileError(set.Directory, $"tests in {PolicySet.TestsDirectory}/ but no policy files here", "put the policies they test in this directory");
            loads.Add((set, load, diagnostics.All));
        }
        var all = loads.SelectMany(l => l.Diagnostics).ToList();
        if (sets.Count == 0)
            all.Add(new Diagnostic(DiagnosticSeverity.Error, root, 0, 0, "no policy files (*.yaml, *.yml) here or below", "add a policy, e.g. copy policies/cis-runtime.yaml"));
        var errors = all.Count(d => d.IsError);

        if (format == OutputFormat.Json)
            JsonOutput.Write(context.Out, json =>
            {
                json.WriteStartObject();
                json.WriteBoolean("ok", errors == 0);
                json.WriteStartArray("policySets");
                foreach (var (set, load, _) in loads)
                {
                    json.WriteStartObject();
                    json.WriteString("directory", set.Directory);
                    json.StringArray("policyFiles", set.PolicyFiles);
                    json.StringArray("testFiles", set.TestFiles);
                    if (load.Plan is { } plan)
                    {
                        json.WriteString("version", plan.Version.ContentHash);
                        if (plan.Version.GitCommit is { } commit) json.WriteString("gitCommit", commit);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("diagnostics");
                foreach (var d in all) json.Diagnostic(d);
                json.WriteEndArray();
                json.WriteEndObject();
            });
        else
        {
            foreach (var d in all) (d.IsError ? context.Error : context.Out).WriteLine(d);
            foreach (var (set, load, _) in loads)
                if (load.Plan is { } plan && set.PolicyFiles.Count > 0)
                    context.Out.WriteLine($"{set.Directory}: {set.PolicyFiles.Count} policy file(s), {set.TestFiles.Count} test file(s), {plan.Entries.Length} rule entries, version {plan.Version}");
            context.Out.WriteLine(errors == 0
                ? $"ok: no errors, {all.Count - errors} warning(s)"
                : $"{errors} error(s), {all.Count - errors} warning(s)");
        }
        return Task.FromResult(errors == 0 ? ExitCodes.Ok : ExitCodes.Failed);
    }
}
