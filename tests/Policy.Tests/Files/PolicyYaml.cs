using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.Policy.Tests.Files;

/// <summary>Policies written inline in a test, parsed and compiled through the real loader.</summary>
public static class PolicyYaml
{
    /// <summary>A policy file's text with the standard header; <paramref name="spec"/> is the indented body under spec:.</summary>
    public static string Policy(string name, string spec) =>
        $"apiVersion: dockerguard.io/v1\nkind: Policy\nmetadata:\n  name: {name}\nspec:\n{spec}";

    public static (PolicyDocument? Document, Diagnostics Diagnostics) Parse(string text, string file = "test.yaml")
    {
        var diagnostics = new Diagnostics();
        var root = YamlFile.Parse(text, file, diagnostics);
        return (root is null ? null : PolicyFileParser.Parse(root, new YamlSource(file, diagnostics)), diagnostics);
    }

    /// <summary>Compiles policies given as (file name, text); fails the test on any error.</summary>
    public static CompiledPolicy Compile(params (string File, string Text)[] files)
    {
        var docs = new List<PolicyDocument>();
        foreach (var (file, text) in files)
        {
            var (doc, diagnostics) = Parse(text, file);
            diagnostics.Errors.Should().BeEmpty();
            docs.Add(doc!);
        }
        return PolicyCompiler.Compile(docs);
    }

    /// <summary>The errors of a text that must not load, as "line:col: message" strings.</summary>
    public static IReadOnlyList<Diagnostic> Errors(string text, string file = "test.yaml")
    {
        var (doc, diagnostics) = Parse(text, file);
        doc.Should().BeNull("a file with errors yields no document");
        return [.. diagnostics.Errors];
    }
}
