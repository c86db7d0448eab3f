namespace DockerGuard.AuthzPlugin.Json;

/// <summary>
/// A JSON object read as a Go struct: field names match with Go's case folding, a second key that
/// folds onto the same field is refused (Go would take the last one), a non-ASCII key that folds
/// onto a field is refused (other tools would not see it), and a value of the wrong type is refused
/// (the daemon answers 400). JSON null leaves a field unset, as Go does.
/// Every accessor knows the field's path in the notation denials use (<c>HostConfig.Binds[0]</c>).
/// </summary>
public readonly struct GoStruct
{
    private readonly JsonNode _node;

    public GoStruct(JsonNode node, string path)
    {
        if (node.Kind != JsonKind.Object)
            throw new BodyRejectedException($"{(path.Length == 0 ? "request body" : path)} must be an object, not {node.KindName}", path);
        _node = node;
        Path = path;
    }

    public string Path { get; }

    public IReadOnlyList<KeyValuePair<string, JsonNode>> Members => _node.Members;

    public string PathOf(string field) => Path.Length == 0 ? field : $"{Path}.{field}";

    /// <summary>The value of the field, or null when absent or JSON null.</summary>
    public JsonNode? Get(string field)
    {
        JsonNode? found = null;
        var members = _node.Members;
        for (var i = 0; i < members.Count; i++) // indexed: a foreach over the interface would allocate per lookup
        {
            var (key, value) = members[i];
            // Both folds Go applies to field names map one UTF-16 unit onto one, so lengths must agree.
            if (key.Length != field.Length || !GoFold.Matches(key, field)) continue;
            if (GoFold.HasNonAsciiFold(key))
                throw new BodyRejectedException($"key \"{GoJsonParser.Printable(key)}\" folds onto {PathOf(field)} only through Unicode case folding", PathOf(field));
            if (found is not null)
                throw new BodyRejectedException($"{PathOf(field)} is given twice (keys differing only in case; the daemon would keep the last one)", PathOf(field));
            found = value;
        }
        return found is null || found.Kind == JsonKind.Null ? null : found;
    }

    public bool Has(string field) => Get(field) is not null;

    public string? String(string field) => Get(field) is { } v ? AsString(v, PathOf(field)) : null;

    public bool? Bool(string field) => Get(field) is { } v ? AsBool(v, PathOf(field)) : null;

    public long? Int(string field) => Get(field) is { } v ? AsInt(v, PathOf(field)) : null;

    public GoStruct? Struct(string field) => Get(field) is { } v ? new GoStruct(v, PathOf(field)) : null;

    /// <summary>A JSON array field; null when absent, an empty list when present and empty.</summary>
    public IReadOnlyList<(JsonNode Value, string Path)>? Array(string field)
    {
        if (Get(field) is not { } v) return null;
        var path = PathOf(field);
        if (v.Kind != JsonKind.Array) throw Mismatch(path, "an array", v);
        var list = new List<(JsonNode, string)>(v.Items.Count);
        for (var i = 0; i < v.Items.Count; i++) list.Add((v.Items[i], $"{path}[{i}]"));
        return list;
    }

    /// <summary>A []string field; null when absent.</summary>
    public IReadOnlyList<(string Value, string Path)>? Strings(string field) =>
        Array(field)?.Select(e => (e.Value.Kind == JsonKind.Null ? "" : AsString(e.Value, e.Path), e.Path)).ToList();

    /// <summary>A map field (Labels, Sysctls, PortBindings, DriverOpts, Options): keys stay exact.</summary>
    public IReadOnlyList<(string Key, JsonNode Value, string Path)> Map(string field)
    {
        if (Get(field) is not { } v) return [];
        var path = PathOf(field);
        if (v.Kind != JsonKind.Object) throw Mismatch(path, "an object", v);
        return v.Members.Select(m => (m.Key, m.Value, $"{path}[{m.Key}]")).ToList();
    }

    /// <summary>A map[string]string field.</summary>
    public IReadOnlyList<(string Key, string Value, string Path)> StringMap(string field) =>
        Map(field).Select(m => (m.Key, m.Value.Kind == JsonKind.Null ? "" : AsString(m.Value, m.Path), m.Path)).ToList();

    public static string AsString(JsonNode v, string path) =>
        v.Kind == JsonKind.String ? v.Text! : throw Mismatch(path, "a string", v);

    public static bool AsBool(JsonNode v, string path) => v.Kind switch
    {
        JsonKind.True => true,
        JsonKind.False => false,
        _ => throw Mismatch(path, "a boolean", v),
    };

    /// <summary>Go decodes int64 fields with strconv.ParseInt: no fraction, no exponent.</summary>
    public static long AsInt(JsonNode v, string path)
    {
        if (v.Kind != JsonKind.Number) throw Mismatch(path, "an integer", v);
        if (!long.TryParse(v.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            throw new BodyRejectedException($"{path} must be an integer, not {v.Text}", path);
        return n;
    }

    private static BodyRejectedException Mismatch(string path, string expected, JsonNode v) =>
        new($"{path} must be {expected}, not {v.KindName}", path);
}
