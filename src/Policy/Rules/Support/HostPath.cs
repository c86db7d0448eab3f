using System.Collections.Immutable;

namespace DockerGuard.Policy.Rules.Support;

/// <summary>
/// Host paths compared the way the host will resolve them. Every rule that looks at a mount source
/// goes through here, so "//etc", "/etc/", "/etc/./" and "/usr/../etc" all mean /etc everywhere.
/// Comparison is ordinal: Linux paths are case-sensitive, "/ETC" is not /etc.
/// </summary>
public static class HostPath
{
    /// <summary>
    /// Go's <c>path.Clean</c> (what dockerd applies to bind sources): collapse repeated slashes,
    /// drop "." segments, resolve ".." lexically (never above the root), drop a trailing slash.
    /// Returns the same instance when the path is already clean, so the common case allocates nothing.
    /// </summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var n = path.Length;
        Span<char> buf = n <= 512 ? stackalloc char[n] : new char[n];
        int w = 0, r = 0, dotdot = 0;
        if (rooted)
        {
            buf[w++] = '/';
            r = dotdot = 1;
        }

        while (r < n)
        {
            if (path[r] == '/')
                r++;
            else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/'))
                r++;
            else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/'))
            {
                r += 2;
                if (w > dotdot)
                {
                    w--;
                    while (w > dotdot && buf[w] != '/') w--;
                }
                else if (!rooted)
                {
                    if (w > 0) buf[w++] = '/';
                    buf[w++] = '.';
                    buf[w++] = '.';
                    dotdot = w;
                }
            }
            else
            {
                if ((rooted && w != 1) || (!rooted && w != 0)) buf[w++] = '/';
                for (; r < n && path[r] != '/'; r++) buf[w++] = path[r];
            }
        }

        if (w == 0) return ".";
        var cleaned = buf[..w];
        return cleaned.SequenceEqual(path) ? path : new string(cleaned);
    }

    /// <summary>
    /// <see cref="Clean"/>, then the one host symlink every supported distribution has:
    /// <c>/var/run</c> → <c>/run</c>. dockerd resolves symlinks in bind sources on the host
    /// (moby#36020), so <c>/var/run/docker.sock</c> is <c>/run/docker.sock</c>; comparing after this
    /// step means a list entry written either way catches both spellings.
    /// </summary>
    public static string Normalize(string path)
    {
        var p = Clean(path);
        const string VarRun = "/var/run";
        if (!p.StartsWith(VarRun, StringComparison.Ordinal)) return p;
        if (p.Length == VarRun.Length) return "/run";
        return p[VarRun.Length] == '/' ? string.Concat("/run", p.AsSpan(VarRun.Length)) : p;
    }

    /// <summary>True when <paramref name="path"/> lies strictly below directory <paramref name="dir"/> (both normalized).</summary>
    public static bool IsUnder(string path, string dir)
    {
        if (path.Length <= dir.Length || !path.StartsWith(dir, StringComparison.Ordinal)) return false;
        return dir == "/" || path[dir.Length] == '/';
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="dir"/> or lies below it (both normalized).</summary>
    public static bool IsOrUnder(string path, string dir) => string.Equals(path, dir, StringComparison.Ordinal) || IsUnder(path, dir);

    /// <summary>True when <paramref name="path"/> is, or lies below, any of <paramref name="dirs"/> (all normalized).</summary>
    public static bool IsOrUnderAny(string path, ImmutableArray<string> dirs)
    {
        foreach (var dir in dirs)
            if (IsOrUnder(path, dir)) return true;
        return false;
    }

    /// <summary>
    /// <see cref="Normalize"/> for the source of a host-path mount. A relative source is taken from
    /// "/": kubelet and runc run with "/" as working directory, so hostPath "etc" is /etc (Docker
    /// refuses relative bind sources; a relative Binds entry is a named volume and never gets here).
    /// </summary>
    public static string NormalizeSource(string source) =>
        Normalize(source.Length > 0 && source[0] == '/' ? source : "/" + source);
}
