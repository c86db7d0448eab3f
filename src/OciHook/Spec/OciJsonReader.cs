using System.Text;
using System.Text.Json;

namespace DockerGuard.OciHook.Spec;

/// <summary>Reads one JSON object of type <typeparamref name="T"/> whose opening brace has been read, onto <paramref name="into"/> (null: a fresh one).</summary>
internal delegate T ObjectReader<T>(ref OciJsonReader reader, T? into) where T : class;

/// <summary>
/// A Utf8JsonReader that decodes the way runc does (Go encoding/json), so the hook judges the config the
/// runtime will run: object keys match field names case-insensitively (Unicode simple folding, under which
/// 'ſ' is 's' and the Kelvin sign is 'k'); a repeated key decodes again onto the same value, so the last
/// scalar or array wins while objects and maps merge; null empties an object, array or map and leaves a
/// scalar as it was; unknown keys are skipped. Anything else (a wrong type, a fraction or overflow in an
/// integer, broken JSON, trailing data) is a <see cref="JsonException"/> carrying the JSON path, line and
/// byte. Hand-written rather than source-generated: System.Text.Json's metadata set-up cost the hook
/// about 2 ms of its start-up (docs/performance.md).
/// </summary>
internal ref struct OciJsonReader
{
    private Utf8JsonReader _json;
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly List<string> _path = [];
    private readonly List<int> _containers = [];

    private OciJsonReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _json = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
    }

    /// <summary>The document as one <typeparamref name="T"/>; null when it is JSON null.</summary>
    public static T? Document<T>(ReadOnlySpan<byte> bytes, ObjectReader<T> read) where T : class
    {
        var reader = new OciJsonReader(bytes);
        try
        {
            var value = reader.Object(null, read);
            if (reader._json.Read()) throw reader.Error("unexpected data after the JSON value");
            return value;
        }
        catch (JsonException e) when (e.Path is null)
        {
            // Utf8JsonReader's own syntax errors know the line but not where in the document they are.
            throw new JsonException(e.Message, reader.Path, e.LineNumber, e.BytePositionInLine, e);
        }
    }

    /// <summary>The next key of the current object, folded to lower-case ASCII the way Go matches field names
    /// (a key with any other non-ASCII letter matches no field: returns it unchanged); false at the object's end.</summary>
    public bool NextProperty(out string key)
    {
        _path.RemoveRange(_containers[^1], _path.Count - _containers[^1]);
        Advance();
        if (_json.TokenType == JsonTokenType.EndObject)
        {
            key = "";
            return false;
        }
        var raw = _json.GetString()!;
        _path.Add("." + raw);
        key = Fold(raw);
        return true;
    }

    public T? Object<T>(T? current, ObjectReader<T> read) where T : class
    {
        Advance();
        return ObjectHere(current, read);
    }

    public List<T>? List<T>(ObjectReader<T> read) where T : class, new()
    {
        Advance();
        if (_json.TokenType == JsonTokenType.Null) return null;
        Expect(JsonTokenType.StartArray, "an array");
        Enter();
        var items = new List<T>();
        for (Advance(); _json.TokenType != JsonTokenType.EndArray; Advance())
        {
            Index(items.Count);
            // A null element stays the element type's zero value, as in Go.
            items.Add(ObjectHere(null, read) ?? new T());
        }
        Leave();
        return items;
    }

    public List<string>? Strings()
    {
        Advance();
        if (_json.TokenType == JsonTokenType.Null) return null;
        Expect(JsonTokenType.StartArray, "an array");
        Enter();
        var items = new List<string>();
        for (Advance(); _json.TokenType != JsonTokenType.EndArray; Advance())
        {
            Index(items.Count);
            items.Add(StringHere("") ?? "");
        }
        Leave();
        return items;
    }

    /// <summary>A string-to-string map, merged onto <paramref name="current"/>. Map keys are data, not field names: matched exactly.</summary>
    public Dictionary<string, string>? Map(Dictionary<string, string>? current)
    {
        Advance();
        if (_json.TokenType == JsonTokenType.Null) return null;
        Expect(JsonTokenType.StartObject, "an object");
        Enter();
        var map = current ?? new Dictionary<string, string>(StringComparer.Ordinal);
        for (Advance(); _json.TokenType != JsonTokenType.EndObject; Advance())
        {
            var key = _json.GetString()!;
            _path.RemoveRange(_containers[^1], _path.Count - _containers[^1]);
            _path.Add("." + key);
            Advance();
            map[key] = StringHere("") ?? "";
        }
        Leave();
        return map;
    }

    public string? String(string? current)
    {
        Advance();
        return StringHere(current);
    }

    public bool? Bool(bool? current)
    {
        Advance();
        return _json.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => current,
            _ => throw Mismatch("true or false"),
        };
    }

    /// <summary>An integer. <paramref name="nullable"/>: a Go pointer, which null resets; otherwise null keeps <paramref name="current"/>.</summary>
    public long? Int64(long? current, bool nullable = false)
    {
        Advance();
        if (_json.TokenType == JsonTokenType.Null) return nullable ? null : current;
        Expect(JsonTokenType.Number, "an integer");
        return _json.TryGetInt64(out var value) ? value : throw Error($"{Number()} is not a 64-bit integer");
    }

    public ulong? UInt64(ulong? current, bool nullable = false)
    {
        Advance();
        if (_json.TokenType == JsonTokenType.Null) return nullable ? null : current;
        Expect(JsonTokenType.Number, "an integer");
        return _json.TryGetUInt64(out var value) ? value : throw Error($"{Number()} is not an unsigned 64-bit integer");
    }

    /// <summary>Skips a value of a key no field matches; returns <paramref name="unchanged"/> so a switch arm can use it.</summary>
    public T Skip<T>(T unchanged)
    {
        Advance();
        _json.Skip();
        return unchanged;
    }

    private T? ObjectHere<T>(T? current, ObjectReader<T> read) where T : class
    {
        if (_json.TokenType == JsonTokenType.Null) return null;
        Expect(JsonTokenType.StartObject, "an object");
        Enter();
        var value = read(ref this, current);
        Leave();
        return value;
    }

    private string? StringHere(string? current) => _json.TokenType switch
    {
        JsonTokenType.String => _json.GetString(),
        JsonTokenType.Null => current,
        _ => throw Mismatch("a string"),
    };

    private void Advance()
    {
        if (!_json.Read()) throw Error("the JSON ends early");
    }

    private void Enter() => _containers.Add(_path.Count);

    private void Leave()
    {
        _path.RemoveRange(_containers[^1], _path.Count - _containers[^1]);
        _containers.RemoveAt(_containers.Count - 1);
    }

    private void Index(int i)
    {
        _path.RemoveRange(_containers[^1], _path.Count - _containers[^1]);
        _path.Add($"[{i}]");
    }

    private readonly void Expect(JsonTokenType type, string what)
    {
        if (_json.TokenType != type) throw Mismatch(what);
    }

    private readonly JsonException Mismatch(string expected) => Error($"expected {expected}, found {Describe(_json.TokenType)}");

    private readonly string Number() => Encoding.UTF8.GetString(_json.ValueSpan);

    private readonly JsonException Error(string message)
    {
        var at = (int)Math.Min(_json.TokenStartIndex, _bytes.Length);
        var before = _bytes[..at];
        var line = before.Count((byte)'\n');
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new JsonException(message, Path, line, at - lineStart);
    }

    private readonly string Path => "$" + string.Concat(_path);

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    /// <summary>
    /// Go matches a key to a field with bytes.EqualFold. Every field name here is ASCII, and the only
    /// non-ASCII runes whose simple-fold orbit holds an ASCII letter are U+017F (ſ, with s) and U+212A
    /// (Kelvin sign, with k); any other non-ASCII rune makes the key match no field.
    /// </summary>
    internal static string Fold(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var c in key)
            sb.Append(c switch
            {
                >= 'A' and <= 'Z' => (char)(c + 32),
                '\u017F' => 's',
                '\u212A' => 'k',
                _ => c,
            });
        return sb.ToString();
    }
}
