using DockerGuard.Audit.Records;
using DockerGuard.Audit.Tests.Support;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary>The audit commands read a real PostgreSQL store (Debian's server, started by the test) through a postgres:// URL.</summary>
public sealed class PostgresAuditQueryTests : IClassFixture<PostgresServer>
{
    private readonly string _url;

    public PostgresAuditQueryTests(PostgresServer server)
    {
        _url = server.NewDatabaseUrl();
        AuditStoreSeed.FillAsync(_url).GetAwaiter().GetResult();
    }

    [Fact]
    public void Query_stats_and_export_read_a_postgres_store()
    {
        var query = CliRun.Of("audit", "query", "--audit", _url, "--rule", "privileged", "--decision", "deny", "--since", "7d", "--output", "jsonl");
        query.ExitCode.Should().Be(0, query.ToString());
        query.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => RecordJson.Deserialize(l)).Select(r => (r.User, r.Host))
            .Should().Equal(("alice", "node-1"));

        var stats = CliRun.Of("audit", "stats", "--audit", _url);
        stats.ExitCode.Should().Be(0, stats.ToString());
        stats.Out.Should().StartWith("5 decisions recorded, 3 denied");

        var export = CliRun.Of("audit", "export", "--audit", _url, "--image", "nginx");
        export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => RecordJson.Deserialize(l).User).Should().Equal("dave", "alice");
    }

    [Fact]
    public void An_unreachable_server_is_reported_not_thrown()
    {
        var run = CliRun.Of("audit", "query", "--audit", "postgres://postgres@127.0.0.1:1/none");
        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("cannot read the audit store");
    }
}
