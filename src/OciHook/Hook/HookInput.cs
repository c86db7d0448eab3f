using System.Text.Json;
using DockerGuard.OciHook.Spec;
using DockerGuard.OciHook.Translation;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// Reads the state from stdin and the bundle's config.json, decoded as runc decodes them
/// (<see cref="OciJsonReader"/>). Anything unreadable, oversized, malformed or inconsistent is an
/// <see cref="OciInputException"/> naming the input and the JSON position.
/// </summary>
public static class HookInput
{
    private const int MaxStateBytes = 1 << 20;
    private const int MaxConfigBytes = 16 << 20;

    public static OciState ReadState(Stream stdin)
    {
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new OciInputException($"cannot read the OCI state from stdin: {e.Message}", e);
        }
        if (bytes.Length > MaxStateBytes) throw new OciInputException($"OCI state on stdin is {bytes.Length} bytes, more than {MaxStateBytes}");
        var state = Parse<OciState>(bytes, "OCI state on stdin", OciDocuments.State);
        if (string.IsNullOrEmpty(state.Id)) throw new OciInputException("OCI state on stdin has no id");
        if (string.IsNullOrEmpty(state.Bundle) || !Path.IsPathRooted(state.Bundle))
            throw new OciInputException($"OCI state on stdin has no absolute bundle path (bundle: '{state.Bundle}')");
        return state;
    }

    public static OciSpec ReadConfig(OciState state)
    {
        var path = Path.Combine(state.Bundle!, "config.json");
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxConfigBytes) throw new OciInputException($"{path} is {info.Length} bytes, more than {MaxConfigBytes}");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciInputException($"cannot read {path}: {e.Message}", e);
        }
        return ParseConfig(bytes, path);
    }

    /// <summary>A config.json already in memory (<c>dockerguard policy test</c>'s <c>oci</c> input); <paramref name="what"/> names it in errors.</summary>
    public static OciSpec ParseConfig(byte[] bytes, string what) => Parse<OciSpec>(bytes, what, OciDocuments.Spec);

    private static T Parse<T>(byte[] bytes, string what, ObjectReader<T> read) where T : class
    {
        try
        {
            return OciJsonReader.Document(bytes, read) ?? throw new OciInputException($"{what} is JSON null, expected an object");
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" at {e.Path} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
            throw new OciInputException($"{what} is not valid OCI JSON{where}: {FirstSentence(e.Message)}", e);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
