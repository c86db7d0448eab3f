using System.Text;

namespace DockerGuard.AuthzPlugin.Routing;

/// <summary>
/// The request target as dockerd routes it (reference §7 "Request URI"): parsed like Go's
/// url.ParseRequestURI (origin-form or absolute-form), path percent-decoded as gorilla/mux sees
/// it (<c>%2F</c> becomes a separator), an optional <c>/v1.41</c>-style prefix stripped, and the
/// query read with Go's url.ParseQuery rules (first value wins for the daemon, <c>+</c> is a
/// space, pairs with a raw <c>;</c> dropped since Go 1.17).
/// </summary>
public sealed class RequestTarget
{
    private readonly List<KeyValuePair<string, string>> _query;

    private RequestTarget(string path, string? apiVersion, bool canonical, List<KeyValuePair<string, string>> query)
    {
        Path = path;
        ApiVersion = apiVersion;
        IsCanonical = canonical;
        _query = query;
    }

    /// <summary>Decoded path without the version prefix: <c>/containers/create</c>.</summary>
    public string Path { get; }
    /// <summary>"1.41" from <c>/v1.41/…</c>; null without a prefix.</summary>
    public string? ApiVersion { get; }
    /// <summary>False when mux would answer 301 instead of routing (double slash, dot segments).</summary>
    public bool IsCanonical { get; }

    /// <summary>The first value of a query parameter, as the daemon's r.Form.Get reads it.</summary>
    public string? Query(string name)
    {
        foreach (var (k, v) in _query)
            if (k == name) return v;
        return null;
    }

    /// <summary>Parses a raw RequestUri; throws <see cref="FormatException"/> where Go's server would answer 400.</summary>
    public static RequestTarget Parse(string requestUri)
    {
        if (requestUri.Length == 0) throw new FormatException("empty request URI");
        // ParseRequestURI assumes no fragment: '#' stays in the path. Split the query at the first '?'.
        var q = requestUri.IndexOf('?');
        var rest = q < 0 ? requestUri : requestUri[..q];
        var rawQuery = q < 0 ? "" : requestUri[(q + 1)..];

        string rawPath;
        if (rest.StartsWith('/')) rawPath = rest;
        else
        {
            // absolute-form: scheme ":" "//" authority path
            var colon = rest.IndexOf(':');
            if (colon <= 0 || !IsScheme(rest.AsSpan(0, colon)))
                throw new FormatException($"invalid request URI '{Shorten(requestUri)}'");
            var afterScheme = rest[(colon + 1)..];
            if (!afterScheme.StartsWith("//", StringComparison.Ordinal))
                throw new FormatException($"invalid request URI '{Shorten(requestUri)}' (opaque form)");
            var authorityAndPath = afterScheme[2..];
            var slash = authorityAndPath.IndexOf('/');
            rawPath = slash < 0 ? "" : authorityAndPath[slash..];
        }

        var path = Unescape(rawPath, plusIsSpace: false) ?? throw new FormatException($"invalid percent-encoding in '{Shorten(requestUri)}'");
        var canonical = path == CleanPath(path);

        string? version = null;
        if (path.StartsWith("/v", StringComparison.Ordinal))
        {
            var end = 2;
            while (end < path.Length && (char.IsAsciiDigit(path[end]) || path[end] == '.')) end++;
            if (end > 2 && end < path.Length && path[end] == '/')
            {
                version = path[2..end];
                path = path[end..];
            }
        }
        return new RequestTarget(path, version, canonical, ParseQuery(rawQuery));
    }

    /// <summary>The API version as a comparable number (1.41 → (1, 41)); null without a prefix or when unparsable.</summary>
    public (int Major, int Minor)? Version
    {
        get
        {
            if (ApiVersion is null) return null;
            var parts = ApiVersion.Split('.');
            if (parts.Length < 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor)) return null;
            return (major, minor);
        }
    }

    /// <summary>Go url.ParseQuery: '&amp;'-separated; a pair containing ';' is an error and skipped; bad escapes skipped.</summary>
    private static List<KeyValuePair<string, string>> ParseQuery(string raw)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in raw.Split('&'))
        {
            if (pair.Length == 0 || pair.Contains(';')) continue;
            var eq = pair.IndexOf('=');
            var key = Unescape(eq < 0 ? pair : pair[..eq], plusIsSpace: true);
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..], plusIsSpace: true);
            if (key is null || value is null) continue;
            list.Add(new(key, value));
        }
        return list;
    }

    /// <summary>Go url.unescape: '%' must be followed by two hex digits; the bytes are UTF-8 (invalid sequences kept as U+FFFD).</summary>
    private static string? Unescape(string s, bool plusIsSpace)
    {
        if (s.IndexOf('%') < 0 && !(plusIsSpace && s.Contains('+'))) return s;
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2])) return null;
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+' && plusIsSpace) bytes.Add((byte)' ');
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>gorilla/mux cleanPath: path.Clean, keeping a trailing slash; mux redirects when it differs.</summary>
    public static string CleanPath(string p)
    {
        if (p.Length == 0) return "/";
        if (p[0] != '/') p = "/" + p;
        var segments = new List<string>();
        foreach (var seg in p.Split('/'))
        {
            if (seg.Length == 0 || seg == ".") continue;
            if (seg == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); continue; }
            segments.Add(seg);
        }
        var clean = "/" + string.Join('/', segments);
        if (p[^1] == '/' && clean != "/") clean += "/";
        return clean;
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (!char.IsAsciiLetter(s[0])) return false;
        foreach (var c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        return true;
    }

    private static string Shorten(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
