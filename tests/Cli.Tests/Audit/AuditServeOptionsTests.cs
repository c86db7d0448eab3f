using DockerGuard.Audit.Configuration;
using DockerGuard.Cli.Audit;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary>The audit options serve commands share: defaults under the state dir (where <c>audit query</c> looks), and each option's effect.</summary>
public sealed class AuditServeOptionsTests
{
    private static AuditOptions Read(params string[] args)
    {
        var a = CliArgs.Parse(args, AuditServeOptions.Flags);
        var options = AuditServeOptions.Read(a, "/srv/dg");
        a.RejectUnknown();
        return options;
    }

    [Fact]
    public void Defaults_record_to_the_state_dir_and_fail_closed()
    {
        var o = Read();
        o.Store.Should().Be("sqlite:/srv/dg/audit.db");
        AuditStoreOption.Resolve(CliArgs.Parse(["--state-dir", "/srv/dg"])).Should().Be(o.Store, "audit query reads what the server writes");
        o.FailureMode.Should().Be(AuditFailureMode.FailClosed);
        o.SpillPath.Should().Be("/srv/dg/audit-spill.jsonl");
        o.Retention.KeepsAll.Should().BeTrue();
        o.RecordAll.Should().BeFalse();
        o.SqliteFullSync.Should().BeFalse("the default survives a killed process without an fsync per commit");
    }

    [Fact]
    public void Every_option_is_read()
    {
        var o = Read("--audit", "postgres://dg@db/audit", "--audit-failure", "open", "--audit-spill", "/tmp/s.jsonl",
            "--audit-retain", "90d", "--audit-max-records", "5000000", "--audit-all", "--audit-sqlite-sync", "full");
        o.Store.Should().Be("postgres://dg@db/audit");
        o.FailureMode.Should().Be(AuditFailureMode.FailOpen);
        o.SpillPath.Should().Be("/tmp/s.jsonl");
        o.Retention.MaxAge.Should().BeCloseTo(TimeSpan.FromDays(90), TimeSpan.FromSeconds(5));
        o.Retention.MaxRecords.Should().Be(5_000_000);
        o.RecordAll.Should().BeTrue();
        o.SqliteFullSync.Should().BeTrue();
    }

    [Theory]
    [InlineData("--audit-failure", "maybe")]
    [InlineData("--audit-retain", "2026-01-01")]
    [InlineData("--audit-retain", "forever")]
    [InlineData("--audit-max-records", "-1")]
    [InlineData("--audit-sqlite-sync", "off")]
    public void Bad_values_are_usage_errors(string option, string value) =>
        ((Action)(() => Read(option, value))).Should().Throw<CliUsageException>().WithMessage($"*{option}*");
}
