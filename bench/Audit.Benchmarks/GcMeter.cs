namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// Garbage collections and their pause time over a run: a latency tail is often a GC pause, and
/// the count per generation says which allocations to chase.
/// </summary>
public sealed class GcMeter
{
    private readonly TimeSpan _pausedAtStart = GC.GetTotalPauseDuration();
    private readonly int[] _collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    public string Describe()
    {
        var paused = GC.GetTotalPauseDuration() - _pausedAtStart;
        var gen = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - _collectionsAtStart[g]).ToArray();
        // CollectionCount(0) includes the gen1 and gen2 collections (a higher generation collects the lower ones).
        return $"gc: gen0={gen[0]} gen1={gen[1]} gen2={gen[2]} paused={paused.TotalMilliseconds:F0} ms total ({(gen[0] == 0 ? 0 : paused.TotalMilliseconds / gen[0]):F2} ms per collection)";
    }
}
