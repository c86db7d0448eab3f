using System.Collections.Immutable;

namespace DockerGuard.AuthzPlugin.Protocol;

/// <summary>
/// One AuthZReq or AuthZRes body as dockerd sends it (pkg/authorization/api.go; reference §2).
/// Every field is omitempty on the wire, so absent is normal. Bodies are base64 on the wire and
/// decoded here.
/// </summary>
public sealed record AuthzMessage
{
    public string? User { get; init; }
    public string? UserAuthNMethod { get; init; }
    public string RequestMethod { get; init; } = "";
    public string RequestUri { get; init; } = "";
    public byte[]? RequestBody { get; init; }
    /// <summary>Flattened by dockerd: the last value of a repeated header wins. Names as Go canonicalises them.</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = ImmutableDictionary<string, string>.Empty;
    public int? ResponseStatusCode { get; init; }
    public byte[]? ResponseBody { get; init; }

    public string? Header(string name)
    {
        if (RequestHeaders.TryGetValue(name, out var v)) return v;
        foreach (var (k, value) in RequestHeaders)
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
