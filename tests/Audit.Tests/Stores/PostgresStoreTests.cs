using DockerGuard.Audit.Storage;
using DockerGuard.Audit.Tests.Support;

namespace DockerGuard.Audit.Tests.Stores;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContract
{
    private readonly string _url = server.NewDatabaseUrl();

    protected override IAuditStore OpenStore() => AuditStoreFactory.Open(_url);

    [Fact]
    public async Task Many_hosts_migrating_at_once_apply_the_schema_once()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => OpenStore()).ToList();
        await Task.WhenAll(stores.Select(s => s.MigrateAsync()));
        foreach (var s in stores) await s.DisposeAsync();
        await using var store = OpenStore();
        (await store.CountAsync()).Should().Be(0);
    }
}
