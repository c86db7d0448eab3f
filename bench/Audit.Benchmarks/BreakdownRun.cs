using System.Diagnostics;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// Where a record's CPU goes, one stage at a time on one thread: making the synthetic entry (the
/// benchmark's own cost), redaction into a record, JSON, and the store insert in batches of
/// --batch (one transaction each, as group commit does under load).
/// </summary>
public static class BreakdownRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var count = options.Int("count", 50_000);
        var batchSize = options.Int("batch", 500);
        var entries = Stage("synthetic entry (benchmark input)", count, () => Enumerable.Range(0, count).Select(SyntheticEntries.Make).ToList());
        var now = DateTimeOffset.UtcNow;
        var records = Stage("redact into a record", count, () => entries.Select(e => DecisionRecordFactory.Create(e, DecisionId.New(now), now, "bench")).ToList());
        Stage("record JSON", count, () => records.Select(RecordJson.Serialize).ToList());
        await using var store = AuditStoreFactory.Open(options.Store);
        await store.MigrateAsync();
        await StageAsync($"store insert, {batchSize} a transaction", count, async () =>
        {
            foreach (var chunk in records.Chunk(batchSize)) await store.WriteAsync(chunk, []);
        });
        return 0;
    }

    private static T Stage<T>(string name, int count, Func<T> run)
    {
        var (result, cpu) = Measure(() => Task.FromResult(run())).GetAwaiter().GetResult();
        Print(name, count, cpu);
        return result;
    }

    private static async Task StageAsync(string name, int count, Func<Task> run)
    {
        var (_, cpu) = await Measure(async () => { await run(); return 0; });
        Print(name, count, cpu);
    }

    private static async Task<(T, TimeSpan)> Measure<T>(Func<Task<T>> run)
    {
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await run();
        return (result, Process.GetCurrentProcess().TotalProcessorTime - start);
    }

    private static void Print(string name, int count, TimeSpan cpu) =>
        Console.WriteLine($"  {name,-40} {cpu.TotalMilliseconds * 1000 / count,8:F1} us CPU per record");
}
