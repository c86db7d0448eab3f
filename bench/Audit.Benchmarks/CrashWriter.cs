using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>
/// Records decisions from many concurrent writers until killed, printing each id on its own line
/// only after RecordAsync returned (the moment a surface would answer). The SIGKILL test reads
/// these lines, kills the process, and checks every printed id is in the store.
/// </summary>
public static class CrashWriter
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var audit = await DecisionAudit.StartAsync(new AuditOptions { Store = options.Store, Host = "crash-writer", SqliteFullSync = options.FullSync });
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var gate = new Lock();
        var counter = 0;
        Console.Error.WriteLine("ready");
        var writers = Enumerable.Range(0, options.Int("writers", 64)).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var id = await audit.RecordAsync(SyntheticEntries.Make(Interlocked.Increment(ref counter)) with { Decision = SyntheticEntries.Make(0).Decision });
                lock (gate) stdout.Write(id + "\n");
            }
        }));
        await Task.WhenAll(writers);
        return 0;
    }
}
