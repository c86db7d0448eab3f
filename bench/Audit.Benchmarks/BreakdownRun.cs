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
        await using var store = AuditStoreFactory.Open(options.Store, options.FullSync);
        await store.MigrateAsync();
        Console.WriteLine("  (warm-up pass, 5,000 records, not shown: JIT and tiering)");
        await Stages(store, 5_000, batchSize, print: false);
        await Stages(store, count, batchSize, print: true);
        return 0;
    }

    private static async Task Stages(IAuditStore store, int count, int batchSize, bool print)
    {
        var entries = Stage("synthetic entry (benchmark input)", count, print, () => Enumerable.Range(0, count).Select(SyntheticEntries.Make).ToList());
        var now = DateTimeOffset.UtcNow;
        var records = Stage("redact into a record", count, print, () => entries.Select(e => DecisionRecordFactory.Create(e, DecisionId.New(now), now, "bench")).ToList());
        Stage("record JSON", count, print, () => records.Select(RecordJson.Serialize).ToList());
        await StageAsync($"store insert, {batchSize} a transaction", count, print, async () =>
        {
            foreach (var chunk in records.Chunk(batchSize)) await store.WriteAsync(chunk, []);
        });
    }

    private static T Stage<T>(string name, int count, bool print, Func<T> run)
    {
        var (result, cpu) = Measure(() => Task.FromResult(run())).GetAwaiter().GetResult();
        if (print) Print(name, count, cpu);
        return result;
    }

    private static async Task StageAsync(string name, int count, bool print, Func<Task> run)
    {
        var (_, cpu) = await Measure(async () => { await run(); return 0; });
        if (print) Print(name, count, cpu);
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
