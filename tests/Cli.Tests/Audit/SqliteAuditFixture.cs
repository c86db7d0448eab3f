namespace DockerGuard.Cli.Tests.Audit;

/// <summary>One SQLite store with <see cref="AuditStoreSeed.Records"/>, shared read-only by the query tests; deleted afterwards.</summary>
public sealed class SqliteAuditFixture : IDisposable
{
    private readonly TempTree _dir = new();

    public SqliteAuditFixture()
    {
        Path = System.IO.Path.Combine(_dir.Path, "audit.db");
        AuditStoreSeed.FillAsync("sqlite:" + Path).GetAwaiter().GetResult();
    }

    public string Path { get; }
    public string StateDir => _dir.Path;
    public string Store => "sqlite:" + Path;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
