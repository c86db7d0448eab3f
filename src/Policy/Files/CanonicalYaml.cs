using System.Text;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>
/// The canonical text of a YAML document, for the policy version hash: mapping keys sorted
/// (ordinal), plain scalars in their resolved form (<c>True</c> → <c>true</c>, <c>0x10</c> stays
/// as written but quoted and plain strings are the same string), no comments, no layout, aliases and
/// merge keys expanded. Reformatting or re-commenting a policy keeps its version; any change in
/// what it says changes it.
/// </summary>
public static class CanonicalYaml
{
    public static string Write(YamlNode root)
    {
        var sb = new StringBuilder();
        Write(root, sb);
        return sb.ToString();
    }

    private static void Write(YamlNode node, StringBuilder sb)
    {
        switch (node)
        {
            case YamlMappingNode m:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in m.Children.OrderBy(kv => Key(kv.Key), StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Write(k, sb);
                    sb.Append(':');
                    Write(v, sb);
                }
                sb.Append('}');
                break;
            case YamlSequenceNode s:
                sb.Append('[');
                for (var i = 0; i < s.Children.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(s.Children[i], sb);
                }
                sb.Append(']');
                break;
            case YamlScalarNode sc:
                Scalar(sc, sb);
                break;
        }
    }

    private static string Key(YamlNode k) => k is YamlScalarNode s ? s.Value ?? "" : "";

    private static void Scalar(YamlScalarNode s, StringBuilder sb)
    {
        var v = s.Value ?? "";
        switch (YamlSource.Resolve(s))
        {
            case YamlSource.ScalarType.Null: sb.Append("null"); return;
            case YamlSource.ScalarType.Bool: sb.Append(v.ToLowerInvariant()); return;
            case YamlSource.ScalarType.Int or YamlSource.ScalarType.Float: sb.Append(v); return;
        }
        sb.Append('"');
        foreach (var c in v)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }
}
