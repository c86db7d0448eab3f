using System.Collections.Immutable;
using System.Text.Json;

namespace DockerGuard.AuthzPlugin.Protocol;

/// <summary>
/// Decodes the envelope dockerd POSTs (Go json.Encoder output, exact key names). The envelope comes
/// from the daemon, not from the API client, so exact names suffice; the client-controlled part is
/// RequestBody, which is decoded separately with Go semantics.
/// </summary>
public static class AuthzMessageReader
{
    public static AuthzMessage Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        var message = new AuthzMessage();
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("AuthZ message is not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) continue;
            message = name switch
            {
                "User" => message with { User = reader.GetString() },
                "UserAuthNMethod" => message with { UserAuthNMethod = reader.GetString() },
                "RequestMethod" => message with { RequestMethod = reader.GetString() ?? "" },
                "RequestUri" => message with { RequestUri = reader.GetString() ?? "" },
                "RequestBody" => message with { RequestBody = reader.GetBytesFromBase64() },
                "RequestHeaders" => message with { RequestHeaders = ReadHeaders(ref reader) },
                "ResponseStatusCode" => message with { ResponseStatusCode = reader.GetInt32() },
                "ResponseBody" => message with { ResponseBody = reader.GetBytesFromBase64() },
                _ => Skip(ref reader, message),
            };
        }
        return message;
    }

    private static ImmutableDictionary<string, string> ReadHeaders(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("RequestHeaders is not an object");
        var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            b[key] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
        }
        return b.ToImmutable();
    }

    private static AuthzMessage Skip(ref Utf8JsonReader reader, AuthzMessage message)
    {
        reader.Skip();
        return message;
    }
}
