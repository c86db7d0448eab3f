using System.Globalization;

namespace DockerGuard.Audit.Query;

/// <summary>Parses <c>--since</c>/<c>--until</c>: RFC 3339 (<c>2026-11-23T10:00:00Z</c>), a date, or relative to now (<c>30s</c>, <c>15m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>).</summary>
public static class TimeSpec
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        if (text.Length >= 2 && char.IsAsciiDigit(text[0]) && "smhdw".Contains(text[^1], StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 100_000)
        {
            var unit = text[^1] switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), 'd' => TimeSpan.FromDays(1), _ => TimeSpan.FromDays(7) };
            time = now - unit * n;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
