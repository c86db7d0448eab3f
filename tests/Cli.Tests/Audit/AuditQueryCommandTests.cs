using System.Globalization;
using System.Text.Json;
using DockerGuard.Audit.Records;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary><c>audit query</c> against a real SQLite store filled with records.</summary>
public sealed class AuditQueryCommandTests(SqliteAuditFixture store) : IClassFixture<SqliteAuditFixture>
{
    private CliRun Query(params string[] args) => CliRun.Of(["audit", "query", "--audit", store.Store, .. args]);

    private static List<DecisionRecord> Lines(CliRun run)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        return [.. run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(RecordJson.Deserialize)];
    }

    [Fact]
    public void Who_tried_to_start_a_privileged_container_last_week_on_which_host_and_what_stopped_them()
    {
        // The exact command docs/audit.md gives for the mission's question.
        var run = Query("--rule", "privileged", "--decision", "deny", "--since", "7d");
        run.ExitCode.Should().Be(0, run.ToString());
        var rows = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows[0].Should().StartWith("TIME (UTC)").And.Contain("HOST").And.Contain("USER").And.Contain("RULES");
        rows.Should().HaveCount(2, "dave's privileged denial is 10 days old");
        rows[1].Should().Contain("node-1").And.Contain("alice").And.Contain("nginx:1.27").And.Contain("deny")
            .And.Contain("privileged[deny] HostConfig.Privileged");
        run.Error.Should().Contain("1 records");
    }

    [Fact]
    public void Each_filter_narrows_the_records()
    {
        Lines(Query("--output", "jsonl")).Select(r => r.User).Should().Equal("erin", "carol", "alice", "bob", "dave");
        Lines(Query("--output", "jsonl", "--decision", "deny")).Select(r => r.User).Should().Equal("alice", "bob", "dave");
        Lines(Query("--output", "jsonl", "--rule", "host-pid")).Select(r => r.User).Should().Equal("carol");
        Lines(Query("--output", "jsonl", "--surface", "kubernetes")).Select(r => r.User).Should().Equal("bob");
        Lines(Query("--output", "jsonl", "--user", "dave")).Select(r => r.Host).Should().Equal("node-3");
        Lines(Query("--output", "jsonl", "--namespace", "team-b")).Select(r => r.User).Should().Equal("bob");
        Lines(Query("--output", "jsonl", "--image", "nginx")).Select(r => r.User).Should().Equal("alice", "dave");
        Lines(Query("--output", "jsonl", "--host", "node-2")).Select(r => r.User).Should().Equal("erin", "bob");
        Lines(Query("--output", "jsonl", "--limit", "2")).Select(r => r.User).Should().Equal("erin", "carol");
    }

    [Fact]
    public void Since_and_until_take_relative_ages_and_RFC_3339()
    {
        Lines(Query("--output", "jsonl", "--since", "36h")).Select(r => r.User).Should().Equal("erin", "carol");
        Lines(Query("--output", "jsonl", "--until", "5d")).Select(r => r.User).Should().Equal("dave");
        var from = (AuditStoreSeed.Now - TimeSpan.FromDays(4)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var to = (AuditStoreSeed.Now - TimeSpan.FromDays(1.5)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        Lines(Query("--output", "jsonl", "--since", from, "--until", to)).Select(r => r.User).Should().Equal("alice", "bob");
    }

    [Fact]
    public void Json_output_is_one_array_of_whole_records()
    {
        var run = Query("--output", "json", "--user", "bob");
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        doc.RootElement.GetArrayLength().Should().Be(1);
        var r = doc.RootElement[0];
        r.GetProperty("host").GetString().Should().Be("node-2");
        r.GetProperty("namespace").GetString().Should().Be("team-b");
        r.GetProperty("violations")[0].GetProperty("rule").GetString().Should().Be("host-network");
        r.GetProperty("policyVersion").GetString().Should().Be(AuditStoreSeed.Version.Short);
    }

    [Fact]
    public void An_empty_result_is_not_an_error()
    {
        Query("--output", "json", "--user", "nobody").Out.Trim().Should().Be("[]");
        Lines(Query("--output", "jsonl", "--user", "nobody")).Should().BeEmpty();
    }

    [Fact]
    public void State_dir_selects_the_servers_default_file()
    {
        var run = CliRun.Of("audit", "query", "--state-dir", store.StateDir, "--output", "jsonl");
        Lines(run).Should().HaveCount(5);
    }

    [Theory]
    [InlineData("--since", "last-tuesday")]
    [InlineData("--decision", "maybe")]
    [InlineData("--surface", "lxc")]
    [InlineData("--output", "yaml")]
    [InlineData("--limit", "0")]
    [InlineData("--colour", "on")]
    public void A_bad_option_is_a_usage_error(string option, string value)
    {
        var run = Query(option, value);
        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Error.Should().Contain(option);
    }

    [Fact]
    public void A_missing_store_says_where_it_looked()
    {
        using var empty = new TempTree();
        var run = CliRun.Of("audit", "query", "--state-dir", empty.Path);
        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain(Path.Combine(empty.Path, "audit.db"));
        File.Exists(Path.Combine(empty.Path, "audit.db")).Should().BeFalse("a query must not create an empty store");
    }
}
