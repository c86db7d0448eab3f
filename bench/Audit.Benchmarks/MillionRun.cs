using System.Diagnostics;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Storage;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>Fills a store with a million records over 30 days (batch insert), then times each indexed query the CLI offers.</summary>
public static class MillionRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var count = options.Int("count", 1_000_000);
        await using var store = AuditStoreFactory.Open(options.Store);
        await store.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-30);
        var step = TimeSpan.FromDays(30) / count;
        var fill = Stopwatch.StartNew();
        if (await store.CountAsync() < count)
        {
            for (var i = 0; i < count; i += 10_000)
            {
                var batch = Enumerable.Range(i, Math.Min(10_000, count - i)).Select(n =>
                {
                    var time = start + step * n;
                    return DecisionRecordFactory.Create(SyntheticEntries.Make(n), DecisionId.New(time), time, $"node-{n % 20}");
                }).ToList();
                await store.WriteAsync(batch, []);
            }
        }
        Console.WriteLine($"million store={store.Description} records={await store.CountAsync()} fill={fill.Elapsed.TotalSeconds:F1} s");

        var queries = new (string Name, AuditQuery Query)[]
        {
            ("newest 100 (no filter)", new AuditQuery { Limit = 100 }),
            ("--decision deny --limit 100", new AuditQuery { Decision = "deny", Limit = 100 }),
            ("--rule privileged --since 7d --limit 100", new AuditQuery { Rule = "privileged", Since = now.AddDays(-7), Limit = 100 }),
            ("--user user42 (all ~1000)", new AuditQuery { User = "user42" }),
            ("--namespace ns7 --decision deny --limit 100", new AuditQuery { Namespace = "ns7", Decision = "deny", Limit = 100 }),
            ("--image registry.local/team3/app23 --limit 100", new AuditQuery { Image = "registry.local/team3/app23", Limit = 100 }),
            ("--host node-3 --since 1d --limit 100", new AuditQuery { Host = "node-3", Since = now.AddDays(-1), Limit = 100 }),
            ("--since 2h --until 1h (all ~1400)", new AuditQuery { Since = now.AddHours(-2), Until = now.AddHours(-1) }),
            ("--rule docker-socket --user user5 --limit 100", new AuditQuery { Rule = "docker-socket", User = "user5", Limit = 100 }),
        };
        foreach (var (name, query) in queries)
        {
            var times = new List<double>();
            var rows = 0;
            for (var run = 0; run < 5; run++)
            {
                var t = Stopwatch.GetTimestamp();
                rows = (await store.QueryAsync(query)).Count;
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  query {name,-50} rows={rows,5} median={times[2],8:F1} ms max={times[^1],8:F1} ms");
        }
        foreach (var (name, query) in new[] { ("stats --since 7d", new AuditQuery { Since = now.AddDays(-7) }), ("stats (all 30 days)", new AuditQuery()) })
        {
            var t = Stopwatch.GetTimestamp();
            var stats = await store.StatsAsync(query);
            Console.WriteLine($"  {name,-56} denials={stats.Denials,7} {Stopwatch.GetElapsedTime(t).TotalMilliseconds,8:F1} ms");
        }
        return 0;
    }
}
