using DockerGuard.Audit.Tests.Support;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>PostgreSQL stopped (immediate shutdown, as a crash) under a running DecisionAudit, then started again.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFailureModeTests(PostgresServer server) : FailureModeContract
{
    private readonly string _url = server.NewDatabaseUrl();

    protected override string StoreConnection => _url;

    protected override Task BreakStoreAsync()
    {
        server.Stop();
        return Task.CompletedTask;
    }

    protected override Task RepairStoreAsync()
    {
        server.Start();
        return Task.CompletedTask;
    }
}
