namespace DockerGuard.Cli.PolicyTests;

/// <summary>The clock a test file pins with <c>spec.today</c>, so exception expiry cases do not rot.</summary>
public sealed class FixedClock(DateOnly today) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
