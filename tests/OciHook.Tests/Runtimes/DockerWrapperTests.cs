using System.Text.Json;
using DockerGuard.OciHook.Tests.Support;

namespace DockerGuard.OciHook.Tests.Runtimes;

/// <summary>
/// Real dockerd 20.10 + containerd + runc with DockerGuard's runc wrapper as the default runtime and no
/// authorization plugin: the API accepts every request, and the hook the wrapper adds to each bundle
/// refuses what the policy denies, with its line inside Docker's error. Docker's <c>--network host</c>
/// writes a netns path (a bind mount of the host netns), so it is caught by namespace identity, not by
/// an absent entry.
/// </summary>
public sealed class DockerWrapperTests(DockerWrapperDaemon docker) : IClassFixture<DockerWrapperDaemon>
{
    [Fact]
    public async Task A_plain_container_runs()
    {
        var r = await docker.RunContainer();
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Be("ran\n");
    }

    [Theory]
    [InlineData("privileged", "--privileged")]
    [InlineData("host-network", "--network", "host")]
    [InlineData("host-pid", "--pid", "host")]
    [InlineData("host-ipc", "--ipc", "host")]
    [InlineData("host-uts", "--uts", "host")]
    [InlineData("seccomp-unconfined", "--security-opt", "seccomp=unconfined")]
    [InlineData("capabilities", "--cap-add", "SYS_ADMIN")]
    public async Task Risky_flags_are_denied_by_the_hook(string rule, params string[] flags)
    {
        var r = await docker.RunContainer(flags);
        r.ExitCode.Should().Be(125, r.ToString());
        r.Stdout.Should().NotContain("ran");
        r.Stderr.Should().MatchRegex($@"error running hook #0: error running hook: exit status 1, stdout: , stderr: dockerguard: denied [0-9a-f]{{12}}: .*\b{rule}: ");
    }

    [Fact]
    public async Task Host_network_is_caught_by_the_netns_path_docker_writes()
    {
        var r = await docker.RunContainer("--network", "host");
        r.Stderr.Should().MatchRegex(@"host-network: linux\.namespaces\[\d+\]\.path host network namespace");
    }

    [Fact]
    public async Task A_denied_container_leaves_a_record_in_the_audit_trail()
    {
        var r = await docker.RunContainer("--privileged");
        var shortId = System.Text.RegularExpressions.Regex.Match(r.Stderr, "denied ([0-9a-f]{12}):").Groups[1].Value;
        shortId.Should().NotBeEmpty(r.ToString());
        File.ReadLines(docker.AuditSpill).Select(l => System.Text.Json.JsonSerializer.Deserialize(l, DockerGuard.Audit.Records.RecordJson.Default.SpillLine)!.Record!)
            .Should().Contain(rec => rec.ContainerId!.StartsWith(shortId) && rec.Decision == "deny" && rec.Violations.Any(v => v.Rule == "privileged"));
    }

    [Fact]
    public async Task The_wrapper_puts_the_hook_first_and_keeps_dockers_own_hooks()
    {
        var run = await docker.Docker("run", "-d", "--network", "none", DockerWrapperDaemon.Image, "sleep", "60");
        run.ExitCode.Should().Be(0, run.ToString());
        var id = run.Stdout.Trim();
        try
        {
            var config = Directory.EnumerateFiles(docker.ExecRoot, "config.json", SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == id);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(config));
            var hooks = doc.RootElement.GetProperty("hooks");
            hooks.GetProperty("createRuntime")[0].GetProperty("path").GetString().Should().Be(await PublishedBinaries.HookAsync());
            // Docker 20.10 registers libnetwork-setkey as a prestart hook for every container with a sandbox.
            hooks.GetProperty("prestart").EnumerateArray().Select(h => string.Join(' ', h.GetProperty("args").EnumerateArray().Select(a => a.GetString())))
                .Should().ContainMatch("*libnetwork-setkey*");
        }
        finally
        {
            await docker.Docker("rm", "--force", id);
        }
    }
}
