namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// Shell-style matching with <c>*</c> (any run of characters) and <c>?</c> (one character), ordinal
/// and case-sensitive: names, namespaces and image references are case-sensitive everywhere we look.
/// </summary>
public static class Glob
{
    public static bool Matches(string pattern, string value) => Match(pattern.AsSpan(), value.AsSpan());

    public static bool AnyMatches(IEnumerable<string> patterns, string? value)
    {
        if (value is null) return false;
        foreach (var p in patterns)
            if (Matches(p, value)) return true;
        return false;
    }

    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> v)
    {
        int pi = 0, vi = 0, star = -1, mark = 0;
        while (vi < v.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || p[pi] == v[vi])) { pi++; vi++; }
            else if (pi < p.Length && p[pi] == '*') { star = pi++; mark = vi; }
            else if (star >= 0) { pi = star + 1; vi = ++mark; }
            else return false;
        }
        while (pi < p.Length && p[pi] == '*') pi++;
        return pi == p.Length;
    }
}
