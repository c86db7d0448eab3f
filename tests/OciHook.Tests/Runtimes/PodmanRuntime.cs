using DockerGuard.OciHook.Install;
using DockerGuard.OciHook.Tests.Support;
using DockerGuard.TestSupport.Docker;

namespace DockerGuard.OciHook.Tests.Runtimes;

/// <summary>
/// A private podman (real podman + runc) whose only hooks directory holds DockerGuard's published
/// hook: own containers.conf, storage, run root and tmpdir under one temp dir, vfs storage, a busybox
/// image imported from a tar. Settings from oci-hooks.md §9: runc (crun fails on this hybrid cgroup
/// host) and ulimits that fit the VM's hard limits. Everything is removed on dispose.
/// </summary>
public sealed class PodmanRuntime : IAsyncLifetime
{
    public const string Image = "localhost/dg-bb:latest";

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), $"dg-podman-{Guid.NewGuid():N}"[..24]);
    public string HooksDir => Path.Combine(Dir, "hooks.d");

    private Dictionary<string, string> Env => new() { ["CONTAINERS_CONF"] = Path.Combine(Dir, "containers.conf") };

    private string[] Globals => GlobalsWith(HooksDir);

    private string[] GlobalsWith(string hooksDir) =>
    [
        "--root", Path.Combine(Dir, "root"), "--runroot", Path.Combine(Dir, "runroot"), "--tmpdir", Path.Combine(Dir, "tmp"),
        "--storage-driver", "vfs", "--hooks-dir", hooksDir,
    ];

    public async Task InitializeAsync()
    {
        // xunit does not dispose a fixture whose initialisation failed: clean up here, or the temp dir stays.
        try
        {
            Directory.CreateDirectory(HooksDir);
            File.WriteAllText(Path.Combine(Dir, "containers.conf"), """
                [containers]
                default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
                netns = "none"
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                events_logger = "file"
                """);
            var hook = await PublishedBinaries.HookAsync();
            HookDefinitionFile.Write(Path.Combine(HooksDir, HookDefinition.FileName), HookDefinition.For(hook, [$"DOCKERGUARD_AUDIT=jsonl:{Path.Combine(Dir, "audit.jsonl")}"]));
            var tar = Path.Combine(Dir, "bb.tar");
            BusyboxRootfs.WriteTar(tar);
            await Run.Checked("podman", [.. Globals, "import", "--quiet", tar, Image], Env);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task<RunResult> Podman(params string[] args) => Run.Async("podman", [.. Globals, .. args], Env, timeout: TimeSpan.FromMinutes(1));

    /// <summary><c>podman run --rm FLAGS image echo ran</c>.</summary>
    public Task<RunResult> RunContainer(params string[] flags) => Podman(["run", "--rm", .. flags, Image, "echo", "ran"]);

    /// <summary>The same, with <paramref name="hooksDir"/> as podman's only hooks directory instead of the fixture's.</summary>
    public Task<RunResult> RunContainerWithHooks(string hooksDir, params string[] flags) =>
        Run.Async("podman", [.. GlobalsWith(hooksDir), "run", "--rm", .. flags, Image, "echo", "ran"], Env, timeout: TimeSpan.FromMinutes(1));

    public async Task DisposeAsync()
    {
        await Podman("rm", "--all", "--force");
        await Run.Async("podman", [.. Globals, "rmi", "--all", "--force"], Env);
        MountTable.UnmountUnder(Dir);
        if (Directory.Exists(Dir)) Directory.Delete(Dir, true);
    }
}
