using System.Globalization;
using System.Text.Json;
using DockerGuard.Policy.Files;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// Writes a YAML node as the JSON a client would have sent, so a native object can be written inline in
/// a test file and still reach the surface's own JSON reader. Scalars resolve as YAML 1.2 core schema
/// (<see cref="YamlSource.Resolve"/>): <c>true</c> is a boolean, <c>"true"</c> a string.
/// </summary>
public static class YamlJson
{
    public static byte[] ToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, node);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(key is YamlScalarNode k ? k.Value ?? "" : key.ToString());
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                writer.WriteStartArray();
                foreach (var item in seq.Children) Write(writer, item);
                writer.WriteEndArray();
                break;
            case YamlScalarNode s:
                WriteScalar(writer, s);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode s)
    {
        var v = s.Value ?? "";
        switch (YamlSource.Resolve(s))
        {
            case YamlSource.ScalarType.Null:
                writer.WriteNullValue();
                break;
            case YamlSource.ScalarType.Bool:
                writer.WriteBooleanValue(v is "true" or "True" or "TRUE");
                break;
            case YamlSource.ScalarType.Int when long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                writer.WriteNumberValue(i);
                break;
            case YamlSource.ScalarType.Float when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            default:
                // Hex/octal integers and .inf/.nan have no JSON form; the surface reader sees the text and says what it expected.
                writer.WriteStringValue(v);
                break;
        }
    }
}
