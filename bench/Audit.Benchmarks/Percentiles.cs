namespace DockerGuard.Audit.Benchmarks;

public static class Percentiles
{
    public static double Of(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static string Describe(List<double> samplesMs)
    {
        samplesMs.Sort();
        return $"n={samplesMs.Count} median={Of(samplesMs, 0.5):F3} ms p99={Of(samplesMs, 0.99):F3} ms p99.9={Of(samplesMs, 0.999):F3} ms max={samplesMs[^1]:F3} ms";
    }
}
