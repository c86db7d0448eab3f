using DockerGuard.OciHook.Tests.Support;

namespace DockerGuard.OciHook.Tests.Runtimes;

/// <summary>
/// Real podman + runc with DockerGuard's hook from hooks.d: what a user types is denied with the
/// rule id in podman's own error, and a plain container runs.
/// </summary>
public sealed class PodmanTests(PodmanRuntime podman) : IClassFixture<PodmanRuntime>
{
    [Fact]
    public async Task A_plain_container_runs()
    {
        var r = await podman.RunContainer();
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Be("ran\n");
    }

    [Theory]
    [InlineData("privileged", "--privileged")]
    [InlineData("host-network", "--net=host")]
    [InlineData("host-pid", "--pid=host")]
    [InlineData("host-ipc", "--ipc=host")]
    [InlineData("host-uts", "--uts=host")]
    [InlineData("seccomp-unconfined", "--security-opt", "seccomp=unconfined")]
    [InlineData("capabilities", "--cap-add", "SYS_ADMIN")]
    public async Task Risky_flags_are_denied_by_the_hook(string rule, params string[] flags)
    {
        var r = await podman.RunContainer(flags);
        ShouldBeDenied(r, rule);
    }

    [Fact]
    public async Task An_rshared_bind_mount_is_denied()
    {
        var source = Path.Combine(podman.Dir, "shared-src");
        Directory.CreateDirectory(source);
        var r = await podman.RunContainer("-v", $"{source}:/x:rshared");
        ShouldBeDenied(r, "mount-propagation-shared");
    }

    /// <summary>runc reports a failed createRuntime hook as rc 126 with the hook's stderr inside (oci-hooks.md §6).</summary>
    private static void ShouldBeDenied(RunResult r, string rule)
    {
        r.ExitCode.Should().Be(126, r.ToString());
        r.Stdout.Should().NotContain("ran");
        r.Stderr.Should().MatchRegex($@"error running hook #\d+: error running hook: exit status 1, stdout: , stderr: dockerguard: denied [0-9a-f]{{12}}: .*\b{rule}: ");
    }
}
