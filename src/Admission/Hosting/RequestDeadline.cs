using System.Globalization;

namespace DockerGuard.Admission.Hosting;

/// <summary>
/// The apiserver's <c>?timeout=</c> query parameter (a Go duration rounded up to whole seconds,
/// "10s"). The webhook aims to answer well inside it: after the deadline the apiserver has already
/// applied failurePolicy, so the work is wasted.
/// </summary>
public static class RequestDeadline
{
    /// <summary>The budget to use: 80% of the apiserver's timeout, leaving room for the network.</summary>
    public static TimeSpan Budget(string? timeout, TimeSpan fallback)
    {
        var t = Parse(timeout) ?? fallback;
        return t * 0.8;
    }

    public static TimeSpan? Parse(string? timeout)
    {
        if (string.IsNullOrEmpty(timeout)) return null;
        var (number, unit) = timeout.EndsWith("ms", StringComparison.Ordinal) ? (timeout[..^2], 0.001)
            : timeout.EndsWith('s') ? (timeout[..^1], 1.0)
            : timeout.EndsWith('m') ? (timeout[..^1], 60.0)
            : (timeout, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 3600) return null;
        return TimeSpan.FromSeconds(n * unit);
    }
}
