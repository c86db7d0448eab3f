using DockerGuard.Audit.Storage;

namespace DockerGuard.Audit.Tests.Stores;

/// <summary>The retention pacing both the group-commit writer and the SQLite indexer follow.</summary>
public sealed class RetentionScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_first_step_is_due_at_once_and_a_step_that_deletes_less_than_a_batch_waits_an_interval()
    {
        var schedule = new RetentionSchedule(batch: 250, Interval);
        schedule.Due(T0).Should().BeTrue();
        schedule.Stepped(deleted: 10, T0);
        schedule.Due(T0.AddSeconds(59)).Should().BeFalse();
        schedule.Due(T0.AddSeconds(60)).Should().BeTrue();
    }

    [Fact]
    public void A_full_batch_deleted_means_the_next_step_is_due_now()
    {
        var schedule = new RetentionSchedule(batch: 250, Interval);
        schedule.Stepped(deleted: 250, T0);
        schedule.Due(T0).Should().BeTrue();
    }

    [Fact]
    public void A_batch_of_new_records_makes_a_step_due_even_when_decisions_wait_and_nothing_left_to_delete_forgives_it()
    {
        var schedule = new RetentionSchedule(batch: 250, Interval);
        schedule.Stepped(deleted: 0, T0);
        schedule.Added(249);
        schedule.Due(T0.AddSeconds(1), busy: true).Should().BeFalse();
        schedule.Added(1);
        schedule.Due(T0.AddSeconds(1), busy: true).Should().BeTrue("deletes keep pace with inserts under any load");
        schedule.Stepped(deleted: 0, T0.AddSeconds(1));
        schedule.Due(T0.AddSeconds(2)).Should().BeFalse("the store is within its limits: what came in is forgiven");
    }

    [Fact]
    public void While_decisions_wait_a_step_runs_only_when_a_whole_interval_overdue()
    {
        var schedule = new RetentionSchedule(batch: 250, Interval);
        schedule.Stepped(deleted: 0, T0);
        schedule.Due(T0.AddMinutes(1), busy: true).Should().BeFalse();
        schedule.Due(T0.AddMinutes(1)).Should().BeTrue();
        schedule.Due(T0.AddMinutes(2), busy: true).Should().BeTrue();
    }

    [Fact]
    public void A_failed_step_waits_an_interval_and_forgets_what_was_owed()
    {
        var schedule = new RetentionSchedule(batch: 250, Interval);
        schedule.Added(1000);
        schedule.Failed(T0);
        schedule.Due(T0.AddSeconds(30)).Should().BeFalse();
        schedule.Due(T0.AddMinutes(1)).Should().BeTrue();
    }
}
