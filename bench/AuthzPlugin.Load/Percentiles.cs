using System.Globalization;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>Nearest-rank percentiles of latency samples in milliseconds.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Describe(List<double> samplesMs)
    {
        if (samplesMs.Count == 0) return "n=0";
        samplesMs.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"n={samplesMs.Count} p50={Of(samplesMs, 0.5):F3} ms p99={Of(samplesMs, 0.99):F3} ms p99.9={Of(samplesMs, 0.999):F3} ms max={samplesMs[^1]:F3} ms");
    }
}
