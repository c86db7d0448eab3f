using System.Buffers;
using System.Text.Json;

namespace DockerGuard.AuthzPlugin.Protocol;

/// <summary>The plugin's answer: <c>{"Allow":bool,"Msg":"…","Err":"…"}</c>, Msg and Err omitted when empty.</summary>
public readonly record struct AuthzReply(bool Allow, string? Msg = null, string? Err = null)
{
    public static readonly AuthzReply Allowed = new(true);

    /// <summary><see cref="Allowed"/> as <see cref="WriteTo"/> writes it: most answers, sent without serializing.</summary>
    public static ReadOnlySpan<byte> AllowedJson => """{"Allow":true}"""u8;

    public void WriteTo(IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteBoolean("Allow", Allow);
        if (!string.IsNullOrEmpty(Msg)) w.WriteString("Msg", Msg);
        if (!string.IsNullOrEmpty(Err)) w.WriteString("Err", Err);
        w.WriteEndObject();
    }
}
