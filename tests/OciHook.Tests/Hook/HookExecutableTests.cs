using DockerGuard.OciHook.Tests.Support;

namespace DockerGuard.OciHook.Tests.Hook;

/// <summary>
/// The published Native AOT hook run as a runtime runs it: empty environment (hooks.d sets env
/// explicitly), state on stdin, the bundle on disk. Exit code and the one stderr line are the contract.
/// </summary>
public class HookExecutableTests
{
    /// <summary>Audit and the policy-version cache off unless a test sets them: their default paths are the host's own.</summary>
    internal static async Task<RunResult> Invoke(byte[] stdin, params string[] env) =>
        await Run.Async(await PublishedBinaries.HookAsync(), ["createRuntime"],
            new[] { "DOCKERGUARD_AUDIT=off", "DOCKERGUARD_POLICY_CACHE=off" }.Concat(env).Select(e => e.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]),
            stdin, clearEnvironment: true);

    [Fact]
    public async Task Allows_a_default_container_silently()
    {
        using var bundle = Bundle.FromFixture("podman-default");
        var r = await Invoke(bundle.State());
        r.Should().Be(new RunResult(0, "", ""));
    }

    [Fact]
    public async Task Denies_privileged_with_exactly_one_line_and_nothing_on_stdout()
    {
        using var bundle = Bundle.FromFixture("podman-forged-annotation");
        var r = await Invoke(bundle.State());
        r.ExitCode.Should().Be(1);
        r.Stdout.Should().BeEmpty();
        r.Stderr.Should().StartWith("dockerguard: denied 0123456789ab: ").And.Contain("privileged: process.capabilities+").And.EndWith("\n");
        r.Stderr.Count(c => c == '\n').Should().Be(1);
    }

    [Fact]
    public async Task Denies_host_network_by_absent_entry()
    {
        using var bundle = Bundle.FromFixture("podman-net-host");
        var r = await Invoke(bundle.State());
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().Be("dockerguard: denied 0123456789ab: host-network: linux.namespaces host network namespace\n");
    }

    [Fact]
    public async Task Denies_a_netns_path_that_is_the_hooks_own()
    {
        using var bundle = Bundle.FromFixture("docker-net-host");
        File.WriteAllText(bundle.ConfigPath, File.ReadAllText(bundle.ConfigPath).Replace("/var/run/docker/netns/default", "/proc/1/root/proc/self/ns/net").Replace("/proc/1/root", ""));
        var r = await Invoke(bundle.State(Fixture.IdOf("docker-net-host")));
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().Be("dockerguard: denied 8b2a63480778: host-network: linux.namespaces[1].path host network namespace\n");
    }

    [Theory]
    [InlineData("{not json", "is not valid OCI JSON")]
    [InlineData("""{"linux":{"namespaces":"pid"}}""", "is not valid OCI JSON at $.linux.namespaces")]
    [InlineData("null", "is JSON null")]
    public async Task Fails_closed_on_a_malformed_config(string config, string message)
    {
        using var bundle = new Bundle(config);
        var r = await Invoke(bundle.State());
        r.ExitCode.Should().Be(1);
        r.Stdout.Should().BeEmpty();
        r.Stderr.Should().StartWith($"dockerguard: error 0123456789ab: {bundle.ConfigPath} {message}");
        r.Stderr.Count(c => c == '\n').Should().Be(1);
    }

    [Fact]
    public async Task Fails_closed_on_a_missing_config_and_bad_state()
    {
        using var bundle = new Bundle(null);
        (await Invoke(bundle.State())).Stderr.Should().StartWith($"dockerguard: error 0123456789ab: cannot read {bundle.ConfigPath}");
        (await Invoke("garbage"u8.ToArray())).Stderr.Should().StartWith("dockerguard: error -: OCI state on stdin is not valid OCI JSON");
        (await Invoke("""{"id":"abc"}"""u8.ToArray())).Stderr.Should().Be("dockerguard: error -: OCI state on stdin has no absolute bundle path (bundle: '')\n");
        (await Invoke([])).ExitCode.Should().Be(1);
    }

    [Fact]
    public async Task Fail_open_is_a_choice_the_operator_makes()
    {
        using var bundle = new Bundle("{broken");
        (await Invoke(bundle.State(), "DOCKERGUARD_ON_ERROR=allow")).Should().Be(new RunResult(0, "", ""));
        var typo = await Invoke(bundle.State(), "DOCKERGUARD_ON_ERROR=alow");
        typo.ExitCode.Should().Be(1);
        typo.Stderr.Should().Be("dockerguard: error -: DOCKERGUARD_ON_ERROR=alow: expected deny or allow\n");
    }

    [Fact]
    public async Task Fail_open_never_lets_a_denial_through()
    {
        using var bundle = Bundle.FromFixture("docker-privileged");
        (await Invoke(bundle.State(), "DOCKERGUARD_ON_ERROR=allow")).ExitCode.Should().Be(1);
    }
}
