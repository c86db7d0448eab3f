using System.Text.Json;
using DockerGuard.Policy.Files;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// A native object (Docker request, Kubernetes object, OCI config) as JSON bytes, written inline in the
/// test file or referenced as <c>{file: relative/path}</c>. <see cref="Origin"/> names it in messages:
/// the referenced file, or the test file and line of the inline object.
/// </summary>
public sealed record NativeDocument(byte[] Json, string Origin, YamlNode At)
{
    /// <summary>
    /// Reads <paramref name="node"/>: a map with the single key <c>file</c> is a reference (relative to the
    /// test file; <c>.json</c> files are passed through byte for byte, so the surface's own parser sees
    /// exactly what is on disk; anything else is read as YAML); any other map is the object itself.
    /// </summary>
    public static NativeDocument? Read(YamlNode node, YamlSource source, string baseDirectory, string kind)
    {
        if (node is not YamlMappingNode map)
        {
            source.Error(node, $"input '{kind}' must be a map (the object itself, or {{file: relative/path}}), found {YamlSource.Describe(node)}");
            return null;
        }
        if (map.Children.Count == 1 && map.Children.Keys.Single() is YamlScalarNode { Value: "file" })
            return FromFile(map.Children.Values.Single(), source, baseDirectory, kind);
        return Inline(map, source);
    }

    public static NativeDocument Inline(YamlMappingNode map, YamlSource source) =>
        new(YamlJson.ToJson(map), $"{source.File}:{map.Start.Line}", map);

    /// <summary>The file named by <paramref name="value"/> (the scalar after <c>file:</c>).</summary>
    public static NativeDocument? FromFile(YamlNode value, YamlSource source, string baseDirectory, string kind)
    {
        if (source.String(value, $"input.{kind}.file") is not { Length: > 0 } relative)
        {
            if (value is YamlScalarNode) source.Error(value, $"input.{kind}.file is empty", "give a path relative to this test file");
            return null;
        }
        var path = Path.Combine(baseDirectory, relative);
        if (!File.Exists(path))
        {
            source.Error(value, $"input.{kind}.file '{relative}' does not exist (looked for {path})", "paths are relative to the test file's directory");
            return null;
        }
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var bytes = File.ReadAllBytes(path);
            try
            {
                using var _ = JsonDocument.Parse(bytes);
            }
            catch (JsonException e)
            {
                source.Diagnostics.AddRange([new Diagnostic(DiagnosticSeverity.Error, path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1,
                    $"not valid JSON: {e.Message.Split(" LineNumber:")[0]}", $"referenced by {source.File}:{value.Start.Line}")]);
                return null;
            }
            return new NativeDocument(bytes, path, value);
        }
        var root = YamlFile.Load(path, source.Diagnostics);
        return root is null ? null : new NativeDocument(YamlJson.ToJson(root), path, value);
    }
}
