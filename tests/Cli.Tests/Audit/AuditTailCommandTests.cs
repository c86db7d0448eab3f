using DockerGuard.Audit.Records;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary><c>audit tail</c>: the latest records oldest first, and <c>--follow</c> printing a record written while it runs.</summary>
public sealed class AuditTailCommandTests
{
    [Fact]
    public async Task Tail_shows_the_latest_records_oldest_first()
    {
        using var dir = new TempTree();
        var connection = "sqlite:" + Path.Combine(dir.Path, "audit.db");
        await AuditStoreSeed.FillAsync(connection);
        var run = CliRun.Of("audit", "tail", "--audit", connection, "-n", "2", "--output", "jsonl");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => RecordJson.Deserialize(l).User).Should().Equal("carol", "erin");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Follow_prints_records_recorded_after_it_started_and_only_those_that_match()
    {
        using var dir = new TempTree();
        var connection = "sqlite:" + Path.Combine(dir.Path, "audit.db");
        await AuditStoreSeed.FillAsync(connection);
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var tail = Task.Run(() => CliApp.RunAsync(
            ["audit", "tail", "--audit", connection, "--decision", "deny", "-n", "1", "--follow", "--interval", "1s", "--output", "jsonl"],
            new CliContext(synchronized, TextWriter.Synchronized(new StringWriter())), stop.Token));

        await WaitForAsync(() => Users(synchronized, output).Count == 1, tail);
        await AuditStoreSeed.FillAsync(connection,
        [
            AuditStoreSeed.Record(TimeSpan.Zero, "node-9", AuditStoreSeed.Request(Surface.Docker, "mallory", "alpine:3"), AuditStoreSeed.Deny("privileged", "HostConfig.Privileged")),
            AuditStoreSeed.Record(TimeSpan.Zero, "node-9", AuditStoreSeed.Request(Surface.Docker, "trent", "alpine:3"), AuditStoreSeed.Allowed()),
        ]);
        await WaitForAsync(() => Users(synchronized, output).Contains("mallory"), tail);

        await stop.CancelAsync();
        (await tail).Should().Be(ExitCodes.Ok);
        Users(synchronized, output).Should().Equal("alice", "mallory");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>TextWriter.Synchronized locks the wrapper itself for each write, so reading under that lock sees whole lines.</summary>
    private static List<string?> Users(TextWriter synchronized, StringWriter output)
    {
        lock (synchronized) return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => RecordJson.Deserialize(l).User)];
    }

    /// <summary>Waits for output, failing with what was printed if it never comes (a generous bound for a shared CI machine, not a speed check).</summary>
    private static async Task WaitForAsync(Func<bool> condition, Task running)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (running.IsCompleted) throw new InvalidOperationException($"tail ended early with exit code {await (Task<int>)running}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("tail --follow did not print the expected records within 60 s");
            await Task.Delay(100);
        }
    }
}
