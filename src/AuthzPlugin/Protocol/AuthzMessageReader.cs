using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;

namespace DockerGuard.AuthzPlugin.Protocol;

/// <summary>
/// Decodes the envelope dockerd POSTs (Go json.Encoder output, exact key names). The envelope comes
/// from the daemon, not from the API client, so exact names suffice; the client-controlled part is
/// RequestBody, which is decoded separately with Go semantics. A repeated key keeps its last value and
/// null leaves a field unset (as Go's decoder does); anything else malformed throws
/// <see cref="JsonException"/>, <see cref="FormatException"/> or <see cref="InvalidOperationException"/>.
/// </summary>
public static class AuthzMessageReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    public static AuthzMessage Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        return Read(ref reader);
    }

    /// <summary>The message as Kestrel's pipe holds it: in one segment (the usual case) or several.</summary>
    public static AuthzMessage Read(ReadOnlySequence<byte> json)
    {
        if (json.IsSingleSegment) return Read(json.FirstSpan);
        var reader = new Utf8JsonReader(json, Options);
        return Read(ref reader);
    }

    private static AuthzMessage Read(ref Utf8JsonReader reader)
    {
        string? user = null, authnMethod = null;
        string method = "", uri = "";
        byte[]? requestBody = null, responseBody = null;
        Dictionary<string, string>? headers = null;
        int? status = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("AuthZ message is not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) continue;
            switch (field)
            {
                case Envelope.User: user = reader.GetString(); break;
                case Envelope.UserAuthNMethod: authnMethod = reader.GetString(); break;
                case Envelope.RequestMethod: method = reader.GetString() ?? ""; break;
                case Envelope.RequestUri: uri = reader.GetString() ?? ""; break;
                case Envelope.RequestBody: requestBody = reader.GetBytesFromBase64(); break;
                case Envelope.RequestHeaders: headers = ReadHeaders(ref reader); break;
                case Envelope.ResponseStatusCode: status = reader.GetInt32(); break;
                case Envelope.ResponseBody: responseBody = reader.GetBytesFromBase64(); break;
                default: reader.Skip(); break;
            }
        }
        return new AuthzMessage
        {
            User = user,
            UserAuthNMethod = authnMethod,
            RequestMethod = method,
            RequestUri = uri,
            RequestBody = requestBody,
            RequestHeaders = headers ?? (IReadOnlyDictionary<string, string>)ImmutableDictionary<string, string>.Empty,
            ResponseStatusCode = status,
            ResponseBody = responseBody,
        };
    }

    private enum Envelope { Other, User, UserAuthNMethod, RequestMethod, RequestUri, RequestBody, RequestHeaders, ResponseStatusCode, ResponseBody }

    /// <summary>The envelope field a key names, compared exactly (after unescaping) without allocating the key.</summary>
    private static Envelope Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("RequestMethod"u8) ? Envelope.RequestMethod
        : reader.ValueTextEquals("RequestUri"u8) ? Envelope.RequestUri
        : reader.ValueTextEquals("RequestBody"u8) ? Envelope.RequestBody
        : reader.ValueTextEquals("RequestHeaders"u8) ? Envelope.RequestHeaders
        : reader.ValueTextEquals("User"u8) ? Envelope.User
        : reader.ValueTextEquals("UserAuthNMethod"u8) ? Envelope.UserAuthNMethod
        : reader.ValueTextEquals("ResponseStatusCode"u8) ? Envelope.ResponseStatusCode
        : reader.ValueTextEquals("ResponseBody"u8) ? Envelope.ResponseBody
        : Envelope.Other;

    /// <summary>A plain dictionary, read-only once returned: an immutable one cost ~2% of the plugin's CPU per message.</summary>
    private static Dictionary<string, string> ReadHeaders(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("RequestHeaders is not an object");
        var b = new Dictionary<string, string>(8, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            b[key] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
        }
        return b;
    }
}
