namespace DockerGuard.Policy.Catalog;

/// <summary>Rule ids are lower-case kebab-case ASCII: stable keys in policy files and audit records.</summary>
public static class RuleId
{
    public static bool IsValid(string id)
    {
        if (id.Length == 0 || id[0] == '-' || id[^1] == '-') return false;
        foreach (var c in id)
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')) return false;
        return !id.Contains("--", StringComparison.Ordinal);
    }
}
