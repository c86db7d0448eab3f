using System.Text;
using System.Text.Json;

namespace DockerGuard.AuthzPlugin.Json;

/// <summary>
/// Reads one JSON value the way Go's encoding/json accepts it, strictly: exactly one value with
/// nothing but whitespace after it (dockerd ≥ 29 rejects trailing data; 20.10 ignores it, so a
/// tail could hide a second object), valid UTF-8, no comments, no duplicate keys in one object
/// (Go keeps the last one, a reader that keeps the first is bypassed). Reference §7 "JSON bodies".
/// </summary>
public static class GoJsonParser
{
    /// <summary>Deep enough for any Engine API body; deeper input is refused, not truncated.</summary>
    private const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static JsonNode Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            // Utf8JsonReader leaves invalid UTF-8 outside string values to the caller; check it all.
            StrictUtf8.GetCharCount(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new BodyRejectedException("request body is not valid UTF-8");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth, AllowMultipleValues = true });
        try
        {
            if (!reader.Read()) throw new BodyRejectedException("request body is empty");
            var root = ReadValue(ref reader);
            // AllowMultipleValues lets the reader step past the first value, so the tail is ours to refuse.
            if (reader.Read()) throw new BodyRejectedException("request body has data after its JSON value");
            return root;
        }
        catch (JsonException e)
        {
            throw new BodyRejectedException($"request body is not valid JSON ({Trim(e.Message)})");
        }
        catch (InvalidOperationException e)
        {
            throw new BodyRejectedException($"request body has an undecodable string ({Trim(e.Message)})");
        }
    }

    private static JsonNode ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<KeyValuePair<string, JsonNode>>();
                HashSet<string>? seen = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.Add(key)) throw new BodyRejectedException($"duplicate key \"{Printable(key)}\" in request body (the daemon would keep the last one)");
                    reader.Read();
                    members.Add(new(key, ReadValue(ref reader)));
                }
                return JsonNode.Object(members);
            case JsonTokenType.StartArray:
                var items = new List<JsonNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader));
                return JsonNode.Array(items);
            case JsonTokenType.String:
                return JsonNode.String(reader.GetString()!);
            case JsonTokenType.Number:
                return JsonNode.Number(Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return JsonNode.True;
            case JsonTokenType.False:
                return JsonNode.False;
            default:
                return JsonNode.Null;
        }
    }

    /// <summary>Keys may carry control characters or folding runes; show them escaped.</summary>
    public static string Printable(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is >= ' ' and < '\u007f' and not '"' and not '\\') sb.Append(c);
            else sb.Append($"\\u{(int)c:x4}");
        }
        return sb.Length > 80 ? sb.ToString(0, 80) + "…" : sb.ToString();
    }

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.') : message;
    }
}
