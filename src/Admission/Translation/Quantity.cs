using System.Globalization;

namespace DockerGuard.Admission.Translation;

/// <summary>
/// Kubernetes resource quantities (apimachinery <c>resource.Quantity</c>): a decimal number with an
/// optional binary suffix (Ki Mi Gi Ti Pi Ei), decimal suffix (n u m k M G T P E) or exponent
/// (<c>1e3</c>, <c>1.5E6</c>). Values are rounded up to whole units the way the apiserver does.
/// </summary>
public static class Quantity
{
    /// <summary>Whole units (bytes for memory), rounded up; false for text the apiserver would reject.</summary>
    public static bool TryParseWhole(string? text, out long value)
    {
        value = 0;
        if (!TryParse(text, out var d)) return false;
        var ceiling = decimal.Ceiling(d);
        if (ceiling > long.MaxValue || ceiling < long.MinValue) return false;
        value = (long)ceiling;
        return true;
    }

    /// <summary>Billionths of a unit (CPU cores to nano-CPUs), rounded up.</summary>
    public static bool TryParseNano(string? text, out long value)
    {
        value = 0;
        if (!TryParse(text, out var d)) return false;
        var nanos = decimal.Ceiling(d * 1_000_000_000m);
        if (nanos > long.MaxValue || nanos < long.MinValue) return false;
        value = (long)nanos;
        return true;
    }

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var numberEnd = 0;
        while (numberEnd < s.Length && (char.IsAsciiDigit(s[numberEnd]) || s[numberEnd] is '.' or '+' or '-')) numberEnd++;
        var number = s[..numberEnd];
        var suffix = s[numberEnd..];
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var mantissa))
            return false;
        try
        {
            if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
            {
                value = mantissa * Pow10(exponent);
                return true;
            }
            decimal? factor = suffix switch
            {
                "" => 1m,
                "Ki" => 1024m,
                "Mi" => 1024m * 1024,
                "Gi" => 1024m * 1024 * 1024,
                "Ti" => 1024m * 1024 * 1024 * 1024,
                "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
                "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
                "n" => 0.000000001m,
                "u" => 0.000001m,
                "m" => 0.001m,
                "k" => 1_000m,
                "M" => 1_000_000m,
                "G" => 1_000_000_000m,
                "T" => 1_000_000_000_000m,
                "P" => 1_000_000_000_000_000m,
                "E" => 1_000_000_000_000_000_000m,
                _ => null,
            };
            if (factor is null) return false;
            value = mantissa * factor.Value;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal Pow10(int exponent)
    {
        if (exponent is < -28 or > 28) throw new OverflowException();
        var r = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++) r *= 10;
        return exponent < 0 ? 1 / r : r;
    }
}
