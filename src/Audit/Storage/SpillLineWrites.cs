using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Storage;

/// <summary>Spill lines into a store: what a spill replay and the pending journal's indexer both do.</summary>
public static class SpillLineWrites
{
    /// <summary>
    /// One <see cref="IAuditStore.WriteAsync"/> (one transaction): the records, then the completions. A completion
    /// follows its record in a spill file or journal, so it finds it here or already in the store.
    /// </summary>
    public static Task WriteLinesAsync(this IAuditStore store, IReadOnlyCollection<SpillLine> lines, CancellationToken cancellationToken = default)
    {
        var records = new List<DecisionRecord>(lines.Count);
        var completions = new List<Completion>();
        foreach (var line in lines)
        {
            if (line.Record is { } r) records.Add(r);
            else if (line.Completion is { } c) completions.Add(c);
        }
        return store.WriteAsync(records, completions, cancellationToken);
    }
}
