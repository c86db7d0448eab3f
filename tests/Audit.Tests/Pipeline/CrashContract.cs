using System.Diagnostics;
using System.Text;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Tests.Support;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>
/// A real child process (the load tool's crash-writer) records decisions from 64 concurrent
/// writers and prints each id once RecordAsync returned, i.e. when a surface would answer. The
/// test SIGKILLs it mid-flight, then counts: every printed id must be in the store.
/// </summary>
public abstract class CrashContract : IDisposable
{
    protected readonly TempDir Dir = new();

    protected abstract string StoreConnection { get; }

    /// <summary>SQLite durability level the writer runs with (ignored by PostgreSQL).</summary>
    protected virtual string Sync => "normal";

    [Fact]
    public async Task Sigkill_under_load_loses_no_acknowledged_record()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "DockerGuard.Audit.Benchmarks.dll");
        File.Exists(tool).Should().BeTrue($"the crash writer is built next to the tests ({tool})");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { tool, "crash-writer", "--store", StoreConnection, "--writers", "64", "--sync", Sync }) psi.ArgumentList.Add(a);
        using var child = Process.Start(psi)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        var stdout = child.StandardOutput.BaseStream;
        var buffer = new byte[65536];
        var deadline = DateTime.UtcNow.AddSeconds(120);
        try
        {
            // Let it run until thousands of decisions are answered, then kill it with no warning.
            while (CountLines(output) < 3000 && DateTime.UtcNow < deadline)
            {
                var n = await stdout.ReadAsync(buffer);
                if (n == 0) break;
                output.Write(buffer, 0, n);
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true); // SIGKILL on Unix
        }
        int read;
        while ((read = await stdout.ReadAsync(buffer)) > 0) output.Write(buffer, 0, read);
        await child.WaitForExitAsync();

        var text = Encoding.ASCII.GetString(output.ToArray());
        // A line cut by the kill (no newline) was never fully acknowledged.
        var acknowledged = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        acknowledged.Length.Should().BeGreaterThanOrEqualTo(3000, $"the writer should have answered thousands of decisions first; stderr: {await stderr}");

        await using var store = Storage.AuditStoreFactory.Open(StoreConnection);
        var stored = (await store.QueryAsync(new AuditQuery())).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        acknowledged.Where(id => !stored.Contains(id)).Should().BeEmpty($"all {acknowledged.Length} acknowledged records must survive SIGKILL ({stored.Count} stored)");
        stored.Count.Should().BeGreaterThanOrEqualTo(acknowledged.Length);
    }

    private static int CountLines(MemoryStream s)
    {
        var count = 0;
        foreach (var b in s.GetBuffer().AsSpan(0, (int)s.Length)) if (b == '\n') count++;
        return count;
    }

    public virtual void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The default, synchronous=NORMAL: no fsync per commit, and still nothing answered is lost to SIGKILL.</summary>
public class SqliteCrashTests : CrashContract
{
    protected override string StoreConnection => "sqlite:" + Dir.File("audit.db");

    public override void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        base.Dispose();
    }
}

/// <summary>--audit-sqlite-sync full: the same guarantee with an fsync per commit (which also survives power loss).</summary>
public sealed class SqliteFullSyncCrashTests : SqliteCrashTests
{
    protected override string Sync => "full";
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests(PostgresServer server) : CrashContract
{
    private readonly string _url = server.NewDatabaseUrl();
    protected override string StoreConnection => _url;
}
