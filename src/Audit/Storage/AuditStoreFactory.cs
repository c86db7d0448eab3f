using Npgsql;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// Opens the store a connection string names: <c>sqlite:/path/audit.db</c> or a bare path (SQLite),
/// <c>postgres://user:pass@host:port/db?sslmode=require</c> / <c>postgresql://…</c>, or an Npgsql
/// key/value string starting with <c>postgres:</c> (<c>postgres:Host=/run/pg;Database=audit</c>).
/// </summary>
public static class AuditStoreFactory
{
    public static IAuditStore Open(string connection, bool sqliteFullSync = false, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        if (connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new PostgresAuditStore(FromUrl(connection), timeout);
        if (connection.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase))
            return new PostgresAuditStore(connection["postgres:".Length..], timeout);
        if (connection.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            return Sqlite(connection["sqlite:".Length..], sqliteFullSync, timeout);
        if (connection.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"unknown audit store '{connection.Split("://")[0]}://': use sqlite:PATH or postgres://user@host/db");
        return Sqlite(connection, sqliteFullSync, timeout);
    }

    private static JournaledAuditStore Sqlite(string path, bool fullSync, TimeSpan? timeout) =>
        new(new SqliteAuditStore(path, fullSync, timeout), fullSync);

    /// <summary>libpq-style URL to an Npgsql connection string; query parameters map to Npgsql keys (sslmode, host for a socket dir).</summary>
    public static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var b = new NpgsqlConnectionStringBuilder();
        if (!string.IsNullOrEmpty(uri.Host)) b.Host = Uri.UnescapeDataString(uri.Host);
        if (uri.Port > 0) b.Port = uri.Port;
        var db = uri.AbsolutePath.Trim('/');
        if (db.Length > 0) b.Database = Uri.UnescapeDataString(db);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            b[key == "sslmode" ? "SSL Mode" : key] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return b.ConnectionString;
    }
}
