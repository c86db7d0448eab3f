using DockerGuard.Audit.Records;
using DockerGuard.Cli.Commands;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary>Export walks the store page by page: a store bigger than one page comes out whole, in order, without repeats.</summary>
public sealed class AuditExportPagingTests
{
    [Fact]
    public async Task Export_crosses_page_boundaries_without_losing_or_repeating_records()
    {
        using var dir = new TempTree();
        var connection = "sqlite:" + Path.Combine(dir.Path, "audit.db");
        var count = AuditExportCommand.PageSize * 2 + 7;
        var records = Enumerable.Range(0, count)
            .Select(i => AuditStoreSeed.Record(TimeSpan.FromSeconds(count - i), "node-1", AuditStoreSeed.Request(Surface.Docker, "u" + i, "nginx:1.27"), AuditStoreSeed.Deny("privileged", "HostConfig.Privileged")))
            .ToList();
        await AuditStoreSeed.FillAsync(connection, records);

        var run = CliRun.Of("audit", "export", "--audit", connection);
        run.ExitCode.Should().Be(0, run.Error);
        var ids = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => RecordJson.Deserialize(l).Id).ToList();
        ids.Should().Equal(records.Select(r => r.Id));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
