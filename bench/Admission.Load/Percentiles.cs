namespace DockerGuard.Admission.Load;

/// <summary>Nearest-rank percentiles over milliseconds.</summary>
public static class Percentiles
{
    public static double Of(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string Describe(double[] samplesMs)
    {
        Array.Sort(samplesMs);
        return $"n={samplesMs.Length} p50={Of(samplesMs, 0.5):F3} ms p99={Of(samplesMs, 0.99):F3} ms p99.9={Of(samplesMs, 0.999):F3} ms max={samplesMs[^1]:F3} ms";
    }
}
