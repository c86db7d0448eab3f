using System.Text.RegularExpressions;

namespace DockerGuard.Observability.Tests;

/// <summary>Reads a Prometheus text exposition: the value of the first sample whose line matches.</summary>
public static partial class Scrape
{
    /// <summary>Sum of the samples of <paramref name="metric"/> whose labels contain every one of <paramref name="labels"/> (<c>decision="deny"</c>).</summary>
    public static double Sum(string text, string metric, params string[] labels)
    {
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            var m = Sample().Match(line);
            if (!m.Success || m.Groups["name"].Value != metric) continue;
            var labelText = m.Groups["labels"].Value;
            if (labels.All(l => labelText.Contains(l, StringComparison.Ordinal)))
                sum += double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)")]
    private static partial Regex Sample();
}
