using DockerGuard.Audit.Configuration;

namespace DockerGuard.Cli.Serving;

/// <summary>
/// The <c>--audit</c> store of a server command, turned into <see cref="AuditOptions"/>, and a
/// description of it for logs that never carries a password.
/// </summary>
public static class AuditSetting
{
    /// <param name="store">--audit as given, or null for SQLite in the state directory.</param>
    public static AuditOptions Options(string? store, string stateDir, bool failOpen = false) => new()
    {
        Store = store ?? "sqlite:" + Path.Combine(stateDir, "audit.db"),
        SpillPath = Path.Combine(stateDir, "audit-spill.jsonl"),
        FailureMode = failOpen ? AuditFailureMode.FailOpen : AuditFailureMode.FailClosed,
    };

    /// <summary>The store as it may be logged: a URL's password and any key/value Password are masked.</summary>
    public static string Describe(string store)
    {
        if (store.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(store, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
            return store.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":[REDACTED]", StringComparison.Ordinal).Split('?')[0];
        var parts = store.Split(';');
        for (var i = 0; i < parts.Length; i++)
            if (parts[i].TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)) parts[i] = "Password=[REDACTED]";
        return string.Join(';', parts).Split('?')[0];
    }
}
