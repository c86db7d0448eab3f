using DockerGuard.Admission.Translation;

namespace DockerGuard.Admission.Tests;

public class QuantityTests
{
    [Theory]
    [InlineData("128Mi", 134217728L)]
    [InlineData("1Gi", 1073741824L)]
    [InlineData("1G", 1000000000L)]
    [InlineData("128M", 128000000L)]
    [InlineData("1e3", 1000L)]
    [InlineData("1.5E6", 1500000L)]
    [InlineData("1536Mi", 1610612736L)]
    [InlineData("500m", 1L)]
    [InlineData("1k", 1000L)]
    [InlineData("123", 123L)]
    [InlineData("0.5Ki", 512L)]
    public void Whole_units_round_up(string text, long expected)
    {
        Quantity.TryParseWhole(text, out var v).Should().BeTrue();
        v.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12Qi")]
    [InlineData("abc")]
    [InlineData("1e400")]
    public void Invalid_quantities_are_refused(string text) => Quantity.TryParseWhole(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("500m", 500_000_000L)]
    [InlineData("2", 2_000_000_000L)]
    [InlineData("100u", 100_000L)]
    public void Cpu_in_nano_cpus(string text, long expected)
    {
        Quantity.TryParseNano(text, out var v).Should().BeTrue();
        v.Should().Be(expected);
    }
}
