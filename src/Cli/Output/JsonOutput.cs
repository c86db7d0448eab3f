using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DockerGuard.Cli.Output;

/// <summary>Writes one indented JSON document to a command's output, written field by field (no reflection).</summary>
public static class JsonOutput
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(json);
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void StringArray(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    public static void Diagnostic(this Utf8JsonWriter json, Policy.Files.Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("severity", d.IsError ? "error" : "warning");
        json.WriteString("file", d.File);
        json.WriteNumber("line", d.Line);
        json.WriteNumber("column", d.Column);
        json.WriteString("message", d.Message);
        if (d.Hint is not null) json.WriteString("hint", d.Hint);
        json.WriteString("text", d.ToString());
        json.WriteEndObject();
    }
}
