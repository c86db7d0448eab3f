using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;
using DockerGuard.Audit.Tests.Support;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Audit.Tests.Stores;

/// <summary>What every store must do, run against real SQLite and real PostgreSQL.</summary>
public abstract class StoreContract
{
    protected abstract IAuditStore OpenStore();

    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static DecisionRecord Record(int minute, AuditEntry entry, string host = "node-1") =>
        DecisionRecordFactory.Create(entry, DecisionId.New(T0.AddMinutes(minute)), T0.AddMinutes(minute), host);

    private async Task<IAuditStore> SeededAsync()
    {
        var store = OpenStore();
        await store.MigrateAsync();
        await store.WriteAsync(
        [
            Record(0, Entries.Denied("nginx:1.27", "alice", "team-a", "privileged")),
            Record(1, Entries.Denied("docker.io/library/busybox@sha256:abcd", "bob", "team-b", "host-network")),
            Record(2, new AuditEntry(Entries.Create("redis:7", "carol"), Entries.Allow(Entries.Violation("host-pid", RuleAction.Warn)), TimeSpan.FromMilliseconds(1))),
            Record(60 * 24, Entries.Denied("nginx", "alice", "team-a", "host-network"), host: "node-2"),
            Record(60 * 24 + 1, new AuditEntry(Entries.Create("nginxinc/nginx:1", "dave"), Entries.Allow(), TimeSpan.FromMilliseconds(1))),
        ], []);
        return store;
    }

    private static async Task<string[]> Users(IAuditStore store, AuditQuery q) =>
        [.. (await store.QueryAsync(q)).Select(r => r.User!)];

    [Fact]
    public async Task Records_come_back_whole_newest_first()
    {
        await using var store = await SeededAsync();
        var all = await store.QueryAsync(new AuditQuery());
        all.Select(r => r.User).Should().Equal("dave", "alice", "carol", "bob", "alice");
        var first = all[^1];
        first.Violations.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rule = "privileged", Action = "deny", Field = "HostConfig.Privileged" });
        first.Violations[0].References.Should().Contain(["CIS-1.2:5.4", "STIG:V-235802"]);
        first.Images.Should().Equal("nginx:1.27");
        first.Namespace.Should().Be("team-a");
        first.PolicyVersion.Should().Be(Entries.Version.Short);
        first.Time.Should().Be(T0);
    }

    [Fact]
    public async Task Each_filter_selects_what_it_names()
    {
        await using var store = await SeededAsync();
        (await Users(store, new AuditQuery { Decision = "deny" })).Should().Equal("alice", "bob", "alice");
        (await Users(store, new AuditQuery { Rule = "host-network" })).Should().Equal("alice", "bob");
        (await Users(store, new AuditQuery { Rule = "host-pid" })).Should().Equal("carol");
        (await Users(store, new AuditQuery { User = "alice" })).Should().Equal("alice", "alice");
        (await Users(store, new AuditQuery { Namespace = "team-b" })).Should().Equal("bob");
        (await Users(store, new AuditQuery { Host = "node-2" })).Should().Equal("alice");
        (await Users(store, new AuditQuery { Surface = "kubernetes" })).Should().BeEmpty();
        (await Users(store, new AuditQuery { Since = T0.AddHours(1) })).Should().Equal("dave", "alice");
        (await Users(store, new AuditQuery { Until = T0.AddMinutes(1) })).Should().Equal("bob", "alice");
        (await Users(store, new AuditQuery { Decision = "deny", Limit = 1 })).Should().Equal("alice");
        (await Users(store, new AuditQuery { Ascending = true, Limit = 2 })).Should().Equal("alice", "bob");
    }

    [Fact]
    public async Task Image_filter_matches_exact_repository_and_pattern()
    {
        await using var store = await SeededAsync();
        // "nginx" is the repository of nginx:1.27 and the bare "nginx"; "nginxinc/nginx:1" is another repository.
        (await Users(store, new AuditQuery { Image = "nginx" })).Should().Equal("alice", "alice");
        (await Users(store, new AuditQuery { Image = "nginx:1.27" })).Should().Equal("alice");
        (await Users(store, new AuditQuery { Image = "docker.io/library/busybox" })).Should().Equal("bob");
        (await Users(store, new AuditQuery { Image = "*nginx*" })).Should().Equal("dave", "alice", "alice");
    }

    [Fact]
    public async Task Stats_count_denials_per_rule_user_and_day()
    {
        await using var store = await SeededAsync();
        var stats = await store.StatsAsync(new AuditQuery());
        stats.Decisions.Should().Be(5);
        stats.Denials.Should().Be(3);
        stats.DenialsByRule.Should().Equal(new StatRow("host-network", 2), new StatRow("privileged", 1));
        stats.DenialsByUser.Should().Equal(new StatRow("alice", 2), new StatRow("bob", 1));
        stats.DenialsByDay.Should().Equal(new StatRow("2026-11-20", 2), new StatRow("2026-11-21", 1));
    }

    [Fact]
    public async Task Completion_adds_docker_status_and_container_id()
    {
        await using var store = await SeededAsync();
        var id = (await store.QueryAsync(new AuditQuery { User = "dave" }))[0].Id;
        await store.WriteAsync([], [new Completion(id, 201, "4f2a9c")]);
        var record = (await store.QueryAsync(new AuditQuery { User = "dave" }))[0];
        record.ResponseStatus.Should().Be(201);
        record.CreatedContainerId.Should().Be("4f2a9c");
    }

    [Fact]
    public async Task Writing_a_record_twice_keeps_one_and_migrating_twice_is_a_no_op()
    {
        await using var store = await SeededAsync();
        var again = (await store.QueryAsync(new AuditQuery()))[0];
        await store.WriteAsync([again], []);
        await store.MigrateAsync();
        await using var second = OpenStore();
        await second.MigrateAsync();
        (await store.CountAsync()).Should().Be(5);
    }

    [Fact]
    public async Task Retention_by_age_and_by_count_deletes_oldest_in_batches()
    {
        await using var store = await SeededAsync();
        // Age: keep one day back from T0+1d+1m: the three records of day one go, one batch of two at a time.
        var policy = new RetentionPolicy(MaxAge: TimeSpan.FromHours(23));
        (await store.TrimAsync(policy, T0.AddDays(1).AddMinutes(1), batch: 2)).Should().Be(2);
        (await store.TrimAsync(policy, T0.AddDays(1).AddMinutes(1), batch: 2)).Should().Be(1);
        (await store.TrimAsync(policy, T0.AddDays(1).AddMinutes(1), batch: 2)).Should().Be(0);
        (await Users(store, new AuditQuery())).Should().Equal("dave", "alice");
        (await store.StatsAsync(new AuditQuery())).DenialsByRule.Should().Equal(new StatRow("host-network", 1));

        (await store.TrimAsync(new RetentionPolicy(MaxRecords: 1), T0, batch: 100)).Should().Be(1);
        (await Users(store, new AuditQuery())).Should().Equal("dave");
        (await store.QueryAsync(new AuditQuery { Rule = "host-network" })).Should().BeEmpty("rule index rows go with their record");
    }
}
