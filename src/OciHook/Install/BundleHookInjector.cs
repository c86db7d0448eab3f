using System.Text.Encodings.Web;
using System.Text.Json;
using DockerGuard.OciHook.Translation;

namespace DockerGuard.OciHook.Install;

/// <summary>
/// Adds DockerGuard's createRuntime hook to a bundle's config.json, for engines without hooks.d
/// (Docker: the runc wrapper calls this on create). Everything else is copied as it was, including
/// hooks already there (Docker's libnetwork-setkey). Ours goes first in createRuntime so a denial
/// comes before other hooks act. A hook with the same path is not added twice (a retried create).
/// </summary>
public static class BundleHookInjector
{
    private const string Stage = "createRuntime";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns false when the hook was already present and the file was left untouched.</summary>
    public static bool AddHook(string bundle, HookEntry hook)
    {
        var path = Path.Combine(bundle, "config.json");
        byte[] original;
        UnixFileMode mode;
        try
        {
            original = File.ReadAllBytes(path);
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciInputException($"cannot read {path}: {e.Message}", e);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(original);
        }
        catch (JsonException e)
        {
            throw new OciInputException($"{path} is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new OciInputException($"{path}: the root is not an object");
            if (AlreadyPresent(doc.RootElement, hook.Path)) return false;
            AtomicFile.Write(path, Rewrite(doc.RootElement, hook), mode);
            return true;
        }
    }

    private static bool AlreadyPresent(JsonElement root, string hookPath)
    {
        if (!root.TryGetProperty("hooks", out var hooks) || hooks.ValueKind != JsonValueKind.Object) return false;
        if (!hooks.TryGetProperty(Stage, out var list) || list.ValueKind != JsonValueKind.Array) return false;
        foreach (var h in list.EnumerateArray())
            if (h.ValueKind == JsonValueKind.Object && h.TryGetProperty("path", out var p) && p.ValueEquals(hookPath)) return true;
        return false;
    }

    private static byte[] Rewrite(JsonElement root, HookEntry hook)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            var sawHooks = false;
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("hooks") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    sawHooks = true;
                    w.WritePropertyName(property.Name);
                    WriteHooks(w, property.Value, hook);
                }
                else if (property.NameEquals("hooks") && property.Value.ValueKind != JsonValueKind.Null)
                {
                    throw new OciInputException($"config.json: hooks is {property.Value.ValueKind}, expected an object");
                }
                else if (!property.NameEquals("hooks"))
                {
                    property.WriteTo(w);
                }
            }
            if (!sawHooks)
            {
                w.WritePropertyName("hooks");
                WriteHooks(w, default, hook);
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteHooks(Utf8JsonWriter w, JsonElement hooks, HookEntry hook)
    {
        w.WriteStartObject();
        var sawStage = false;
        if (hooks.ValueKind == JsonValueKind.Object)
        {
            foreach (var stage in hooks.EnumerateObject())
            {
                if (!stage.NameEquals(Stage) || stage.Value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
                {
                    stage.WriteTo(w);
                    continue;
                }
                sawStage = true;
                w.WriteStartArray(Stage);
                WriteEntry(w, hook);
                if (stage.Value.ValueKind == JsonValueKind.Array)
                    foreach (var existing in stage.Value.EnumerateArray()) existing.WriteTo(w);
                w.WriteEndArray();
            }
        }
        if (!sawStage)
        {
            w.WriteStartArray(Stage);
            WriteEntry(w, hook);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter w, HookEntry hook) =>
        JsonSerializer.Serialize(w, hook, InstallJsonContext.Default.HookEntry);
}
