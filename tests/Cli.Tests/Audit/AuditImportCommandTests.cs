using DockerGuard.Audit;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Storage;
using DockerGuard.OciHook.Hook;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.Tests.Audit;

/// <summary>
/// <c>dockerguard audit import</c> against real SQLite and spill files the OCI hook's own writer
/// (<see cref="SpillLineAudit"/>) appends to: counts, idempotence, malformed lines kept aside, a
/// hook appending during the import, and another replayer holding the lock.
/// </summary>
public sealed class AuditImportCommandTests : IDisposable
{
    private readonly TempTree _dir = new();
    private string Spill => Path.Combine(_dir.Path, "audit-spill.jsonl");
    private string Store => "sqlite:" + Path.Combine(_dir.Path, "audit.db");

    public void Dispose() => _dir.Dispose();

    private SpillLineAudit Hook => new(Spill, "podman-host");

    private static AuditEntry Denial(string user) =>
        new(AuditStoreSeed.Request(Surface.Oci, user, "busybox:1.36"), AuditStoreSeed.Deny("privileged", "process.capabilities"), TimeSpan.FromMilliseconds(0.2));

    private async Task<List<string>> HookDeniesAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add((await Hook.RecordAsync(Denial($"user{i}")))!);
        return ids;
    }

    private async Task<IReadOnlyList<DockerGuard.Audit.Records.DecisionRecord>> StoredAsync()
    {
        await using var store = AuditStoreFactory.Open(Store);
        return await store.QueryAsync(new AuditQuery());
    }

    [Fact]
    public async Task Imports_the_hooks_records_and_completions_into_a_new_store_and_empties_the_spill()
    {
        var ids = await HookDeniesAsync(3);
        await Hook.CompleteAsync(ids[0], 403, null);

        var run = CliRun.Of("audit", "import", Spill, "--audit", Store);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain($"imported 3 records and 1 completions from {Spill} into");
        var stored = await StoredAsync();
        stored.Select(r => r.Id).Should().BeEquivalentTo(ids);
        stored.Single(r => r.Id == ids[0]).ResponseStatus.Should().Be(403);
        stored.Should().OnlyContain(r => r.Host == "podman-host" && r.Decision == "deny");
        File.Exists(Spill).Should().BeFalse();
        File.Exists(Spill + ".replay").Should().BeFalse();
        File.Exists(Spill + ".rejected").Should().BeFalse();
    }

    [Fact]
    public async Task Importing_the_same_lines_again_stores_each_record_once()
    {
        await HookDeniesAsync(2);
        var copy = File.ReadAllText(Spill);
        CliRun.Of("audit", "import", Spill, "--audit", Store).ExitCode.Should().Be(0);
        File.WriteAllText(Spill, copy);

        var again = CliRun.Of("audit", "import", Spill, "--audit", Store);

        again.ExitCode.Should().Be(0, again.ToString());
        (await StoredAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Malformed_lines_are_kept_aside_verbatim_reported_by_line_and_fail_the_run_while_good_lines_are_imported()
    {
        await HookDeniesAsync(1);
        File.AppendAllText(Spill, "{\"record\": {\"id\": \"trunc\n");
        File.AppendAllText(Spill, "{}\n");
        var last = await HookDeniesAsync(1);

        var run = CliRun.Of("audit", "import", Spill, "--audit", Store);

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        run.Error.Should().Contain($"{Spill}.replay:2: not a spill line").And.Contain($"{Spill}.replay:3: neither a record nor a completion")
            .And.Contain($"2 lines are not spill lines and were NOT imported; they are kept, verbatim, in {Spill}.rejected");
        File.ReadAllText(Spill + ".rejected").Should().Be("{\"record\": {\"id\": \"trunc\n{}\n");
        (await StoredAsync()).Should().HaveCount(2).And.Contain(r => r.Id == last[0]);
        File.Exists(Spill + ".replay").Should().BeFalse("the good lines are in the store and the bad ones in .rejected");
    }

    [Fact]
    public async Task A_hook_appending_during_imports_loses_nothing()
    {
        var written = new List<string>();
        var imports = 0;
        // The hook keeps appending until several imports have run, so they overlap however fast either side is.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 100 || Volatile.Read(ref imports) < 3; i++)
            {
                written.Add((await Hook.RecordAsync(Denial($"u{i}")))!);
                // Without an fsync an append takes microseconds: pace the hook like container starts, so the
                // imports overlap it without it writing hundreds of thousands of lines meanwhile.
                if (i % 20 == 19) await Task.Delay(1);
            }
        });
        while (!writer.IsCompleted)
        {
            var run = await Task.Run(() => CliRun.Of("audit", "import", Spill, "--audit", Store));
            run.ExitCode.Should().Be(0, run.ToString());
            Interlocked.Increment(ref imports);
            // A timer imports once a minute; back-to-back renames with no pause could make the hook's
            // bounded re-append (three tries) give up, which would be a denial, not a lost record.
            await Task.Delay(10);
        }
        await writer;
        CliRun.Of("audit", "import", Spill, "--audit", Store).ExitCode.Should().Be(0);

        // Sorted and compared in order: BeEquivalentTo is quadratic on a long list.
        (await StoredAsync()).Select(r => r.Id).Order(StringComparer.Ordinal).Should().Equal(written.Order(StringComparer.Ordinal));
        File.Exists(Spill + ".rejected").Should().BeFalse();
    }

    [Fact]
    public async Task Another_replayer_holding_the_lock_is_a_clear_error_and_the_lines_stay()
    {
        await HookDeniesAsync(1);
        using (new FileStream(Spill + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var run = CliRun.Of("audit", "import", Spill, "--audit", Store, "--lock-wait", "0s");
            run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
            run.Error.Should().Contain($"another replay (dockerguard serve or audit import) has held {Spill}.lock");
        }
        File.ReadAllLines(Spill).Should().HaveCount(1);
        CliRun.Of("audit", "import", Spill, "--audit", Store).ExitCode.Should().Be(0);
        (await StoredAsync()).Should().HaveCount(1);
    }

    [Fact]
    public void No_spill_file_is_nothing_to_import()
    {
        var run = CliRun.Of("audit", "import", Spill, "--audit", Store);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain($"nothing to import from {Spill}");
    }
}
