namespace DockerGuard.Policy.Rules.Support;

/// <summary>
/// Reads a Docker/OCI user string (<c>name</c>, <c>name:group</c>, <c>uid</c>, <c>uid:gid</c>) the way
/// the runtime resolves it (moby/sys/user GetExecUser), so that every spelling of uid 0 is caught:
/// "root", "0", "000", "+0" and "-0" (Go's strconv.Atoi takes a sign), any group ("0:1000"), and an
/// empty user part (":1000"), which keeps the default uid, 0. A name other than "root" may still be
/// uid 0 in the image's passwd; that is invisible here. Used by run-as-root and exec-user-root.
/// </summary>
internal static class UserSpec
{
    /// <summary>True when the spec resolves to uid 0. Empty or null is the image default, not decided here.</summary>
    public static bool IsRoot(string? spec)
    {
        if (string.IsNullOrEmpty(spec)) return false;
        var user = UserPart(spec);
        if (user.IsEmpty) return true;
        if (user.SequenceEqual("root")) return true;
        return IsNumericZero(user);
    }

    /// <summary>The user part, before the first ':' (runc's parseLine splits there).</summary>
    public static ReadOnlySpan<char> UserPart(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? spec.AsSpan() : spec.AsSpan(0, colon);
    }

    /// <summary>Go strconv.Atoi semantics: optional sign, then ASCII digits only, no spaces.</summary>
    private static bool IsNumericZero(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && s[0] is '+' or '-') s = s[1..];
        if (s.IsEmpty) return false;
        foreach (var c in s)
            if (c != '0') return false;
        return true;
    }
}
