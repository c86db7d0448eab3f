using System.Collections.Immutable;
using System.Text.Json;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Cli.Output;

/// <summary>A rule's metadata as JSON, shared by <c>rules</c> and <c>explain</c>.</summary>
public static class RuleJson
{
    public static void Write(Utf8JsonWriter json, RuleInfo r)
    {
        json.WriteStartObject();
        json.WriteString("id", r.Id);
        json.WriteString("title", r.Title);
        json.WriteString("rationale", r.Rationale);
        json.WriteString("remediation", r.Remediation);
        json.WriteString("defaultAction", RuleFacts.Action(r.DefaultAction));
        json.StringArray("surfaces", r.Surfaces.Select(s => s.ToString().ToLowerInvariant()));
        json.WriteStartObject("references");
        if (r.References.CisV12 is not null) json.WriteString("cisV12", r.References.CisV12);
        if (r.References.CisV16 is not null) json.WriteString("cisV16", r.References.CisV16);
        if (r.References.Stig is not null) json.WriteString("stig", r.References.Stig);
        if (r.References.PssCheck is not null) json.WriteString("pssCheck", r.References.PssCheck);
        if (r.References.PssLevel is { } level) json.WriteString("pssLevel", level.ToString().ToLowerInvariant());
        json.WriteEndObject();
        json.WriteStartArray("parameters");
        foreach (var p in r.Parameters)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Name);
            json.WriteString("type", p.Type switch { ParameterType.Bool => "bool", ParameterType.Int => "int", ParameterType.String => "string", _ => "list" });
            json.WritePropertyName("default");
            switch (p.Default)
            {
                case bool b: json.WriteBooleanValue(b); break;
                case long l: json.WriteNumberValue(l); break;
                case ImmutableArray<string> list:
                    json.WriteStartArray();
                    foreach (var s in list) json.WriteStringValue(s);
                    json.WriteEndArray();
                    break;
                default: json.WriteStringValue(p.Default.ToString()); break;
            }
            json.WriteString("description", p.Description);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
