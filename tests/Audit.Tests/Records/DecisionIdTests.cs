using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Tests.Records;

/// <summary>Ids encode their time, increase within a millisecond, and carry fresh random bits otherwise.</summary>
public sealed class DecisionIdTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_sort_by_time_and_start_at_their_floor()
    {
        var a = DecisionId.New(T0);
        var b = DecisionId.New(T0.AddMilliseconds(1));
        a.Should().HaveLength(26).And.MatchRegex("^[0-9A-HJKMNP-TV-Z]{26}$");
        string.CompareOrdinal(a, b).Should().BeNegative();
        a[..10].Should().Be(DecisionId.Floor(T0)[..10]);
        string.CompareOrdinal(DecisionId.Floor(T0), a).Should().BeNegative();
    }

    [Fact]
    public void Within_one_millisecond_ids_strictly_increase()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => DecisionId.New(T0.AddDays(1))).ToList();
        ids.Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
    }

    /// <summary>The random part comes from the OS CSPRNG (through Guid.NewGuid): 1,000 milliseconds give 1,000 different
    /// random parts, and their top random bit (kept clear for increments) is always 0 while the others vary.</summary>
    [Fact]
    public void Each_millisecond_draws_new_random_bits()
    {
        var randoms = Enumerable.Range(0, 1000).Select(i => DecisionId.New(T0.AddDays(2).AddMilliseconds(i))[10..]).ToList();
        randoms.Should().OnlyHaveUniqueItems();
        randoms.Select(r => r[0]).Should().OnlyContain(c => "0123456789ABCDEF".Contains(c), "the 80-bit part's top bit is clear (its first character holds 5 bits)");
        randoms.Select(r => r[^1]).Distinct().Should().HaveCountGreaterThan(16, "the low bits vary");
        randoms.Select(r => r[1]).Distinct().Should().HaveCountGreaterThan(16, "the high bits vary");
    }
}
