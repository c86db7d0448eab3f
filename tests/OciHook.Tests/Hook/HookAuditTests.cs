using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.OciHook.Tests.Support;

namespace DockerGuard.OciHook.Tests.Hook;

/// <summary>
/// The published hook records each decision as a spill line, and the real audit pipeline (DecisionAudit
/// over a real SQLite store) replays those lines into the same trail the other surfaces write.
/// </summary>
public sealed class HookAuditTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-hook-audit-").FullName;
    private string Spill => Path.Combine(_dir, "audit-spill.jsonl");

    [Fact]
    public async Task A_denied_container_leaves_a_record_that_replays_into_the_store()
    {
        using var bundle = Bundle.FromFixture("docker-privileged");
        var r = await HookExecutableTests.Invoke(bundle.State(Fixture.IdOf("docker-privileged")), $"DOCKERGUARD_AUDIT=jsonl:{Spill}");
        r.ExitCode.Should().Be(1, r.ToString());

        var line = RecordJson.Default.SpillLine;
        var lines = File.ReadAllLines(Spill).Select(l => System.Text.Json.JsonSerializer.Deserialize(l, line)!).ToList();
        lines.Should().ContainSingle().Which.Record!.Decision.Should().Be("deny");
        // The hook writes with its own serialization-only context (SpillLineJson): byte for byte the audit's shape.
        System.Text.Json.JsonSerializer.Serialize(lines[0], line).Should().Be(File.ReadAllLines(Spill).Single());

        await using var audit = new DecisionAudit(new DockerGuard.Audit.Storage.SqliteAuditStore(Path.Combine(_dir, "audit.db"), fullSync: false),
            new AuditOptions { FailureMode = AuditFailureMode.FailOpen, SpillPath = Spill, RetryInterval = TimeSpan.FromHours(1) });
        (await audit.ReplayAsync()).Should().Be(1);
        var stored = (await audit.Store.QueryAsync(new AuditQuery { Decision = "deny" })).Should().ContainSingle().Subject;
        stored.Surface.Should().Be("oci");
        stored.ContainerId.Should().Be(Fixture.IdOf("docker-privileged"));
        stored.Route.Should().Be("createRuntime");
        stored.Violations.Select(v => v.Rule).Should().Contain("privileged");
    }

    [Fact]
    public async Task An_allowed_container_is_recorded_too()
    {
        using var bundle = Bundle.FromFixture("podman-default");
        (await HookExecutableTests.Invoke(bundle.State(), $"DOCKERGUARD_AUDIT=jsonl:{Spill}")).ExitCode.Should().Be(0);
        File.ReadAllLines(Spill).Should().ContainSingle().Which.Should().Contain("\"surface\":\"oci\"");
    }

    [Fact]
    public async Task An_unwritable_trail_fails_closed_and_never_hides_a_denial()
    {
        var blocked = Path.Combine(_dir, "not-a-dir");
        File.WriteAllText(blocked, "");
        var unwritable = $"DOCKERGUARD_AUDIT=jsonl:{blocked}/audit.jsonl";

        using var plain = Bundle.FromFixture("podman-default");
        var allowed = await HookExecutableTests.Invoke(plain.State(), unwritable);
        allowed.ExitCode.Should().Be(1);
        allowed.Stderr.Should().StartWith("dockerguard: error 0123456789ab: audit trail unavailable, denying: cannot append to the audit spill file");

        using var privileged = Bundle.FromFixture("podman-privileged");
        var denied = await HookExecutableTests.Invoke(privileged.State(), unwritable, "DOCKERGUARD_ON_ERROR=allow");
        denied.ExitCode.Should().Be(1);
        denied.Stderr.Should().StartWith("dockerguard: denied 0123456789ab: ");
    }

    [Fact]
    public async Task A_bad_audit_setting_is_a_setup_error()
    {
        using var bundle = Bundle.FromFixture("podman-default");
        var r = await HookExecutableTests.Invoke(bundle.State(), "DOCKERGUARD_AUDIT=sqlite:/var/lib/dockerguard/audit.db");
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("dockerguard: error -: DOCKERGUARD_AUDIT=sqlite:/var/lib/dockerguard/audit.db: expected jsonl:");
    }

    [Fact]
    public async Task Hooks_running_at_once_each_leave_one_whole_line()
    {
        using var bundle = Bundle.FromFixture("podman-privileged");
        const int hooks = 24;
        var runs = await Task.WhenAll(Enumerable.Range(0, hooks).Select(_ => HookExecutableTests.Invoke(bundle.State(), $"DOCKERGUARD_AUDIT=jsonl:{Spill}")));
        runs.Should().OnlyContain(r => r.ExitCode == 1);
        var lines = File.ReadAllLines(Spill);
        lines.Should().HaveCount(hooks);
        lines.Select(l => System.Text.Json.JsonSerializer.Deserialize(l, RecordJson.Default.SpillLine)!.Record!.Id).Should().OnlyHaveUniqueItems();
    }

    /// <summary>normal: one O_APPEND write and no flush to disk; full: fdatasync before the hook answers. Seen with strace.</summary>
    [Theory]
    [InlineData(null, false)]
    [InlineData("normal", false)]
    [InlineData("full", true)]
    public async Task The_sync_setting_decides_whether_the_line_is_flushed_to_disk(string? sync, bool flushed)
    {
        using var bundle = Bundle.FromFixture("podman-default");
        var trace = Path.Combine(_dir, "strace.txt");
        var env = new Dictionary<string, string> { ["DOCKERGUARD_AUDIT"] = $"jsonl:{Spill}" };
        if (sync is not null) env["DOCKERGUARD_AUDIT_SYNC"] = sync;
        var r = await Run.Async("strace", ["-f", "-o", trace, "-e", "trace=openat,write,pwrite64,fsync,fdatasync", await PublishedBinaries.HookAsync(), "createRuntime"],
            env, bundle.State(), clearEnvironment: true);
        r.ExitCode.Should().Be(0, r.ToString());
        var calls = File.ReadAllLines(trace);
        var open = calls.Should().ContainSingle(l => l.Contains($"openat(AT_FDCWD, \"{Spill}\"")).Subject;
        open.Should().Contain("O_APPEND");
        var fd = open[(open.LastIndexOf('=') + 1)..].Trim();
        calls.Should().ContainSingle(l => l.Contains($"write({fd}, \"{{\\\"record\\\""));
        calls.Should().NotContain(l => l.Contains($"pwrite64({fd},"));
        calls.Any(l => l.Contains($"fdatasync({fd})") || l.Contains($"fsync({fd})")).Should().Be(flushed);
    }

    [Fact]
    public async Task A_bad_sync_setting_is_a_setup_error()
    {
        using var bundle = Bundle.FromFixture("podman-default");
        var r = await HookExecutableTests.Invoke(bundle.State(), $"DOCKERGUARD_AUDIT=jsonl:{Spill}", "DOCKERGUARD_AUDIT_SYNC=always");
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("dockerguard: error -: DOCKERGUARD_AUDIT_SYNC=always: expected normal");
        File.Exists(Spill).Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
