namespace DockerGuard.AuthzPlugin.Json;

public enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One value of a request body, kept with the object keys exactly as written (after unescaping) and
/// in order, so struct lookups can apply Go's case folding and map lookups can stay exact.
/// </summary>
public sealed class JsonNode
{
    private JsonNode(JsonKind kind, string? text, List<KeyValuePair<string, JsonNode>>? members, List<JsonNode>? items)
    {
        Kind = kind;
        Text = text;
        Members = members ?? [];
        Items = items ?? [];
    }

    public JsonKind Kind { get; }
    /// <summary>String value, or the number exactly as written.</summary>
    public string? Text { get; }
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Members { get; }
    public IReadOnlyList<JsonNode> Items { get; }

    public static readonly JsonNode Null = new(JsonKind.Null, null, null, null);
    public static readonly JsonNode True = new(JsonKind.True, null, null, null);
    public static readonly JsonNode False = new(JsonKind.False, null, null, null);

    public static JsonNode String(string value) => new(JsonKind.String, value, null, null);
    public static JsonNode Number(string raw) => new(JsonKind.Number, raw, null, null);
    public static JsonNode Object(List<KeyValuePair<string, JsonNode>> members) => new(JsonKind.Object, null, members, null);
    public static JsonNode Array(List<JsonNode> items) => new(JsonKind.Array, null, null, items);

    public string KindName => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}
