using System.Text.Json;
using System.Text.Json.Nodes;
using DockerGuard.OciHook.Translation;

namespace DockerGuard.OciHook.Install;

/// <summary>
/// The daemon.json lines that make Docker run every container through the wrapper: a <c>runtimes</c>
/// entry and <c>default-runtime</c>. Merging keeps every other setting. dockerd reads daemon.json only at
/// start (a restart, not a reload, applies a new default runtime).
/// </summary>
public static class DockerDaemonConfig
{
    public const string RuntimeName = "dockerguard";
    public const string DefaultPath = "/etc/docker/daemon.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Snippet(string wrapperPath) => Merge(null, wrapperPath);

    /// <summary><paramref name="existing"/> (null or empty for none) with DockerGuard's runtime added and made the default.</summary>
    public static string Merge(string? existing, string wrapperPath)
    {
        JsonObject root;
        try
        {
            root = string.IsNullOrWhiteSpace(existing) ? [] : JsonNode.Parse(existing) as JsonObject ?? throw new OciInputException("daemon.json: the root is not an object");
        }
        catch (JsonException e)
        {
            throw new OciInputException($"daemon.json is not valid JSON: {e.Message}", e);
        }
        if (root["runtimes"] is not JsonObject runtimes)
        {
            if (root["runtimes"] is not null) throw new OciInputException("daemon.json: runtimes is not an object");
            root["runtimes"] = runtimes = [];
        }
        runtimes[RuntimeName] = new JsonObject { ["path"] = wrapperPath };
        root["default-runtime"] = RuntimeName;
        return root.ToJsonString(Indented) + "\n";
    }
}
