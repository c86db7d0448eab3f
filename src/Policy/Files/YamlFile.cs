using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>
/// Reads one YAML file into YamlDotNet's representation model, which keeps every node's line and
/// column. Parser and node tree only: no reflection-based deserializer, so this runs under Native
/// AOT (the OCI hook loads policies too). Merge keys (<c>&lt;&lt;: *anchor</c>) are resolved, so test
/// files can share a base request.
/// </summary>
public static class YamlFile
{
    /// <summary>The single document's root node, or null with an error in <paramref name="diagnostics"/>.</summary>
    public static YamlNode? Load(string path, Diagnostics diagnostics, string? displayName = null)
    {
        var name = displayName ?? path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.FileError(name, $"cannot read the file: {e.Message}", "check that it exists and is readable");
            return null;
        }
        return Parse(text, name, diagnostics);
    }

    public static YamlNode? Parse(string text, string name, Diagnostics diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new MergingParser(new Parser(new StringReader(text))));
        }
        catch (YamlException e)
        {
            diagnostics.Error(name, e.Start, $"not valid YAML: {Innermost(e).Message}", "fix the syntax at this position");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            diagnostics.FileError(name, "the file is empty", "write one YAML document, or delete the file");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            diagnostics.Error(name, stream.Documents[1].RootNode, "more than one YAML document in one file", "put each document in its own file");
            return null;
        }
        return stream.Documents[0].RootNode;
    }

    // YamlDotNet wraps the parser's own message ("Duplicate key") in an outer one without detail.
    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
