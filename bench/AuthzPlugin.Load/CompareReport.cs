using System.Globalization;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// Prints a --docker-compare run: per arm the median and quartiles of create, rm and create+rm, and per
/// pair of arms the paired difference (round i of one minus round i of the other: the rounds ran back to
/// back, so this cancels slow swings of the machine's load) with its quartiles as the spread.
/// </summary>
public static class CompareReport
{
    private const double TargetSlowdownPercent = 3;

    /// <summary>Arm 0 is the baseline (no plugin), the last arm DockerGuard; returns whether DockerGuard met the target.</summary>
    public static bool Print(string title, string[] arms, Samples[] samples)
    {
        Console.WriteLine(title);
        var ok = true;
        foreach (var (label, pick) in new (string, Func<Samples, List<double>>)[] { ("create", s => s.Create), ("rm", s => s.Remove), ("create+rm", s => s.Pair) })
        {
            var lists = samples.Select(pick).ToArray();
            var medians = new double[arms.Length];
            for (var a = 0; a < arms.Length; a++)
            {
                var sorted = lists[a].Order().ToList();
                medians[a] = Percentiles.Of(sorted, 0.5);
                Console.WriteLine(Text($"  {label,-10} {arms[a],-12} median {medians[a],7:F2} ms, quartiles {Percentiles.Of(sorted, 0.25):F2} / {Percentiles.Of(sorted, 0.75):F2} ms, p99 {Percentiles.Of(sorted, 0.99):F2} ms"));
            }
            for (var a = 1; a < arms.Length; a++)
                for (var b = 0; b < a; b++)
                    Console.WriteLine(Text($"  {label,-10} {arms[a]} - {arms[b]}: {Delta(lists[a], lists[b], medians[b])}; medians {(medians[a] - medians[b]) / medians[0] * 100:+0.0;-0.0}% of no plugin"));
            if (label == "create+rm")
            {
                var slower = (medians[^1] - medians[0]) / medians[0] * 100;
                ok = slower <= TargetSlowdownPercent;
                Console.WriteLine(Text($"  target {arms[^1]} create+rm median <= {TargetSlowdownPercent}% slower than {arms[0]}: {slower:+0.0;-0.0}%, {(ok ? "met" : "MISSED")}; the plugin protocol alone ({arms[1]}): {(medians[1] - medians[0]) / medians[0] * 100:+0.0;-0.0}%"));
            }
        }
        return ok;
    }

    private static string Delta(List<double> a, List<double> b, double baseline)
    {
        var paired = a.Zip(b, (x, y) => x - y).Order().ToList();
        var (d25, d50, d75) = (Percentiles.Of(paired, 0.25), Percentiles.Of(paired, 0.5), Percentiles.Of(paired, 0.75));
        return Text($"paired difference median {d50:+0.00;-0.00;0.00} ms ({d50 / baseline * 100:+0.0;-0.0;0.0}%), quartiles {d25:+0.00;-0.00;0.00} / {d75:+0.00;-0.00;0.00} ms");
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
