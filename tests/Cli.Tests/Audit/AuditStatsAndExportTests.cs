using System.Globalization;
using System.Text.Json;
using DockerGuard.Audit.Records;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary><c>audit stats</c> and <c>audit export</c> against a real SQLite store.</summary>
public sealed class AuditStatsAndExportTests(SqliteAuditFixture store) : IClassFixture<SqliteAuditFixture>
{
    private static string Day(TimeSpan ago) => (AuditStoreSeed.Now - ago).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Stats_count_denials_per_rule_user_and_day()
    {
        var run = CliRun.Of("audit", "stats", "--audit", store.Store, "--output", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        root.GetProperty("decisions").GetInt64().Should().Be(5);
        root.GetProperty("denials").GetInt64().Should().Be(3);
        root.GetProperty("denialsByRule").EnumerateArray().Select(e => (e.GetProperty("rule").GetString(), e.GetProperty("denials").GetInt64()))
            .Should().Equal(("privileged", 2L), ("host-network", 1L));
        root.GetProperty("denialsByUser").EnumerateArray().Select(e => e.GetProperty("user").GetString()).Should().BeEquivalentTo(["alice", "bob", "dave"]);
        root.GetProperty("denialsByDay").EnumerateArray().Select(e => e.GetProperty("day").GetString())
            .Should().Equal(Day(TimeSpan.FromDays(10)), Day(TimeSpan.FromDays(3)), Day(TimeSpan.FromDays(2)));
    }

    [Fact]
    public void Stats_table_takes_the_same_filters()
    {
        var run = CliRun.Of("audit", "stats", "--audit", store.Store, "--since", "7d");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().StartWith("4 decisions recorded, 2 denied");
        run.Out.Should().Contain("DENIALS BY RULE").And.Contain("DENIALS BY USER").And.Contain("DENIALS BY DAY (UTC)");
        run.Out.Should().MatchRegex(@"privileged\s+1").And.MatchRegex(@"host-network\s+1").And.NotContain("dave");
    }

    [Fact]
    public void Export_writes_every_record_oldest_first_as_JSON_lines()
    {
        var run = CliRun.Of("audit", "export", "--audit", store.Store);
        run.ExitCode.Should().Be(0, run.ToString());
        var records = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(RecordJson.Deserialize).ToList();
        records.Select(r => r.User).Should().Equal("dave", "bob", "alice", "carol", "erin");
        records.Select(r => r.Id).Should().BeEquivalentTo(AuditStoreSeed.Records.Select(r => r.Id));
    }

    [Fact]
    public void Export_to_a_file_with_filters()
    {
        using var dir = new TempTree();
        var file = Path.Combine(dir.Path, "out.jsonl");
        var run = CliRun.Of("audit", "export", "--audit", store.Store, "--decision", "deny", "--since", "7d", "--file", file);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().Contain("2 records written");
        File.ReadAllLines(file).Select(RecordJson.Deserialize).Select(r => r.User).Should().Equal("bob", "alice");
    }
}
