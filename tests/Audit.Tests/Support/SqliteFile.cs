using Microsoft.Data.Sqlite;

namespace DockerGuard.Audit.Tests.Support;

/// <summary>The SQLite database file as another process sees it: no pending journal indexed first, as the store's own count would.</summary>
public static class SqliteFile
{
    public static async Task<long> DecisionsIn(string db)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=false");
        await connection.OpenAsync();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM decisions";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
