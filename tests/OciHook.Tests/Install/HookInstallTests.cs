using System.Text.Json;
using DockerGuard.Cli;
using DockerGuard.OciHook.Tests.Runtimes;
using DockerGuard.OciHook.Tests.Support;

namespace DockerGuard.OciHook.Tests.Install;

/// <summary>
/// <c>dockerguard hook install</c> run in-process into temp directories with the published binaries, then
/// a real podman whose only hooks dir is the one install wrote: the installed hook denies.
/// </summary>
public sealed class HookInstallTests(PodmanRuntime podman) : IClassFixture<PodmanRuntime>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-install-").FullName;
    private string Prefix => Path.Combine(_dir, "libexec");
    private string HooksDir => Path.Combine(_dir, "hooks.d");
    private string Spill => Path.Combine(_dir, "audit.jsonl");

    private static (int Exit, string Out, string Error) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.RunAsync(args, new CliContext(o, e), CancellationToken.None).GetAwaiter().GetResult();
        return (code, o.ToString(), e.ToString());
    }

    private async Task<(int Exit, string Out, string Error)> Install(params string[] extra) =>
        Cli(["hook", "install", "--from", await PublishedBinaries.DirectoryAsync(), "--prefix", Prefix, "--hooks-dir", HooksDir, "--audit", $"jsonl:{Spill}", .. extra]);

    [Fact]
    public async Task Installs_the_binary_then_a_hooks_d_entry_with_explicit_env_and_timeout()
    {
        var r = await Install();
        r.Exit.Should().Be(0, r.Error);
        var hook = Path.Combine(Prefix, "dockerguard-oci-hook");
        var entry = Path.Combine(HooksDir, "dockerguard.json");
        r.Out.Should().Be($"installed {hook}\nwrote {entry}\n");
        File.GetUnixFileMode(hook).Should().HaveFlag(UnixFileMode.OtherExecute);
        File.ReadAllBytes(hook).Should().Equal(File.ReadAllBytes(await PublishedBinaries.HookAsync()));

        using var doc = JsonDocument.Parse(File.ReadAllText(entry));
        var root = doc.RootElement;
        root.GetProperty("version").GetString().Should().Be("1.0.0");
        root.GetProperty("hook").GetProperty("path").GetString().Should().Be(hook);
        root.GetProperty("hook").GetProperty("timeout").GetInt32().Should().Be(10);
        root.GetProperty("hook").GetProperty("env").EnumerateArray().Select(e => e.GetString()).Should()
            .Equal("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "DOCKERGUARD_ON_ERROR=deny", $"DOCKERGUARD_AUDIT=jsonl:{Spill}");
        root.GetProperty("when").GetProperty("always").GetBoolean().Should().BeTrue();
        root.GetProperty("stages").EnumerateArray().Select(e => e.GetString()).Should().Equal("createRuntime");
    }

    [Fact]
    public async Task Podman_with_the_installed_hooks_dir_denies_a_privileged_container_and_records_it()
    {
        (await Install()).Exit.Should().Be(0);
        var denied = await podman.RunContainerWithHooks(HooksDir, "--privileged");
        denied.ExitCode.Should().Be(126, denied.ToString());
        denied.Stderr.Should().MatchRegex(@"stderr: dockerguard: denied [0-9a-f]{12}: .*\bprivileged: ");
        File.ReadAllText(Spill).Should().Contain("\"decision\":\"deny\"");

        var plain = await podman.RunContainerWithHooks(HooksDir);
        plain.ExitCode.Should().Be(0, plain.ToString());
        plain.Stdout.Should().Be("ran\n");
    }

    [Fact]
    public async Task The_policy_directory_goes_into_the_entry()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_dir, "policies")).FullName;
        File.Copy(Path.Combine(Repository.Root, "policies", "cis-runtime.yaml"), Path.Combine(policies, "cis-runtime.yaml"));
        (await Install("--policy-dir", policies)).Exit.Should().Be(0);
        File.ReadAllText(Path.Combine(HooksDir, "dockerguard.json")).Should().Contain($"\"DOCKERGUARD_POLICY={policies}\"");
    }

    [Fact]
    public async Task Power_loss_durability_is_asked_for_and_goes_into_the_entry()
    {
        (await Install("--audit-sync", "full")).Exit.Should().Be(0);
        File.ReadAllText(Path.Combine(HooksDir, "dockerguard.json")).Should().Contain("\"DOCKERGUARD_AUDIT_SYNC=full\"");
    }

    [Fact]
    public async Task Without_the_binary_nothing_is_written()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var r = Cli("hook", "install", "--from", empty, "--prefix", Prefix, "--hooks-dir", HooksDir);
        r.Exit.Should().Be(ExitCodes.BadInput);
        r.Error.Should().Contain("dockerguard-oci-hook not found in " + empty);
        Directory.Exists(HooksDir).Should().BeFalse();
        Directory.Exists(Prefix).Should().BeFalse();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_setting_the_hook_would_refuse_is_a_usage_error()
    {
        var r = await Install("--on-error", "ignore");
        r.Exit.Should().Be(ExitCodes.Usage);
        r.Error.Should().Contain("--on-error ignore: expected deny or allow");
        var missing = Path.Combine(_dir, "no-policies");
        var policy = await Install("--policy-dir", missing);
        policy.Exit.Should().Be(ExitCodes.Usage);
        policy.Error.Should().Contain($"--policy-dir {missing} does not compile: {missing}: policy directory does not exist");
        var sync = await Install("--audit-sync", "sometimes");
        sync.Exit.Should().Be(ExitCodes.Usage);
        sync.Error.Should().Contain("--audit-sync sometimes: expected normal");
        Directory.Exists(HooksDir).Should().BeFalse();
    }

    [Fact]
    public async Task Docker_gets_the_wrapper_and_daemon_json_keeps_its_other_settings()
    {
        var daemonJson = Path.Combine(_dir, "daemon.json");
        File.WriteAllText(daemonJson, """{"log-driver":"journald","runtimes":{"other":{"path":"/usr/bin/other"}}}""");
        var r = await Install("--docker", "--daemon-json", daemonJson);
        r.Exit.Should().Be(0, r.Error);
        File.Exists(Path.Combine(Prefix, "dockerguard-runc")).Should().BeTrue();
        r.Out.Should().Contain("set DOCKERGUARD_HOOK_DEFINITION in dockerd's environment");

        using var doc = JsonDocument.Parse(File.ReadAllText(daemonJson));
        doc.RootElement.GetProperty("log-driver").GetString().Should().Be("journald");
        doc.RootElement.GetProperty("runtimes").GetProperty("other").GetProperty("path").GetString().Should().Be("/usr/bin/other");
        doc.RootElement.GetProperty("runtimes").GetProperty("dockerguard").GetProperty("path").GetString().Should().Be(Path.Combine(Prefix, "dockerguard-runc"));
        doc.RootElement.GetProperty("default-runtime").GetString().Should().Be("dockerguard");
    }

    [Fact]
    public async Task Uninstall_removes_the_entry_then_the_binaries()
    {
        (await Install("--docker")).Exit.Should().Be(0);
        var r = Cli("hook", "uninstall", "--prefix", Prefix, "--hooks-dir", HooksDir);
        r.Exit.Should().Be(0, r.Error);
        r.Out.Should().Be($"removed {Path.Combine(HooksDir, "dockerguard.json")}\nremoved {Path.Combine(Prefix, "dockerguard-oci-hook")}\nremoved {Path.Combine(Prefix, "dockerguard-runc")}\n");
        Directory.EnumerateFileSystemEntries(HooksDir).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Prefix).Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
