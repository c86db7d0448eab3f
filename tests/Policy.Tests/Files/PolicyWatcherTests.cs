using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Files;

/// <summary>
/// Reload against real files and a real FileSystemWatcher: a broken edit never replaces the
/// running plan and is reported (event, log line, counter); fixing it swaps the new plan in.
/// </summary>
public sealed class PolicyWatcherTests : IDisposable
{
    private static readonly string Deny = PolicyYaml.Policy("p", "  rules: {privileged: deny}\n");
    private static readonly string Warn = PolicyYaml.Policy("p", "  rules: {privileged: warn}\n");
    private static readonly string Broken = PolicyYaml.Policy("p", "  rules: {privileged: dney}\n");
    private static readonly WorkloadRequest PrivilegedContainer = Requests.Docker(c => c with { Privileged = Field.Of(true, "HostConfig.Privileged") });

    private readonly TempDirectory _dir = new();
    private readonly List<string> _log = [];
    private readonly List<PolicyLoadResult> _failures = [];
    private readonly PolicyStore _store;
    private readonly PolicyWatcher _watcher;

    public PolicyWatcherTests()
    {
        _dir.Write("p.yaml", Deny);
        _store = new PolicyStore(PolicyDirectory.Load(_dir.Path).Plan!);
        _watcher = new PolicyWatcher(_dir.Path, _store, new PolicyWatcherOptions
        {
            Debounce = TimeSpan.FromMilliseconds(100),
            RehashInterval = TimeSpan.FromHours(1),
            Log = line => { lock (_log) _log.Add(line); },
        });
        _watcher.ReloadFailed += r => { lock (_failures) _failures.Add(r); };
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _dir.Dispose();
    }

    private DecisionOutcome Outcome => _store.Evaluate(PrivilegedContainer).Outcome;

    /// <summary>Waits for the file-system watcher path; the deadline is generous because CI machines are shared.</summary>
    private static void Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for: {what}");
            Thread.Sleep(50);
        }
    }

    [Fact]
    public void File_events_reload_a_good_edit_keep_the_plan_on_a_broken_one_and_recover_when_fixed()
    {
        _watcher.Start();
        Outcome.Should().Be(DecisionOutcome.Deny);
        var original = _store.Current;

        // good -> broken: the running plan stays, the failure is reported three ways.
        _dir.Write("p.yaml", Broken);
        Eventually(() => _watcher.Counters.Failed == 1, "the broken edit to be reported");
        _store.Current.Should().BeSameAs(original);
        Outcome.Should().Be(DecisionOutcome.Deny);
        _failures.Should().ContainSingle().Which.Errors.Single().Message.Should().Contain("dney");
        _watcher.Counters.LastFailure.Should().NotBeNull();
        lock (_log) _log.Should().ContainSingle(l => l.StartsWith($"policy reload failed, keeping version {original.Version}", StringComparison.Ordinal));

        // broken -> fixed: the new plan is swapped in.
        _dir.Write("p.yaml", Warn);
        Eventually(() => _watcher.Counters.Succeeded == 1, "the fixed file to be loaded");
        _store.Current.Should().NotBeSameAs(original);
        _store.Current.Version.Should().NotBe(original.Version);
        Outcome.Should().Be(DecisionOutcome.Warn);
        _watcher.Counters.LastFailure.Should().BeNull();
        _watcher.Counters.Failed.Should().Be(1, "the broken content was reported once, not on every event");
    }

    [Fact]
    public void A_new_file_with_a_duplicate_name_is_rejected_and_deleting_it_is_no_change()
    {
        _watcher.Start();
        var original = _store.Current;
        _dir.Write("q.yaml", Warn);
        Eventually(() => _watcher.Counters.Failed == 1, "the duplicate name to be reported");
        _store.Current.Should().BeSameAs(original);

        File.Delete(Path.Combine(_dir.Path, "q.yaml"));
        Eventually(() => _watcher.Counters.LastFailure is null, "the directory to load again");
        _store.Current.Should().BeSameAs(original, "the content is back to what is running: nothing to swap");
        _watcher.Counters.Succeeded.Should().Be(0);
    }

    [Fact]
    public void The_periodic_rehash_finds_changes_without_file_events()
    {
        // No Start(): no FileSystemWatcher. CheckNow is what the re-hash timer calls.
        _watcher.CheckNow().Should().NotBeNull("the first check compares the files with the running plan");
        _watcher.CheckNow().Should().BeNull("nothing changed since");
        _dir.Write("p.yaml", Warn);
        _watcher.CheckNow()!.Succeeded.Should().BeTrue();
        Outcome.Should().Be(DecisionOutcome.Warn);
    }

    [Fact]
    public void A_comment_only_edit_reloads_but_swaps_nothing()
    {
        var swapped = 0;
        _store.Swapped += _ => swapped++;
        _watcher.CheckNow();
        _dir.Write("p.yaml", "# reviewed\n" + Deny);
        _watcher.CheckNow()!.Succeeded.Should().BeTrue();
        swapped.Should().Be(0);
    }

    [Fact]
    public void Removing_every_policy_keeps_the_running_plan()
    {
        _watcher.CheckNow();
        File.Delete(Path.Combine(_dir.Path, "p.yaml"));
        _watcher.CheckNow()!.Succeeded.Should().BeFalse();
        Outcome.Should().Be(DecisionOutcome.Deny, "an empty directory must not turn enforcement off");
    }
}
