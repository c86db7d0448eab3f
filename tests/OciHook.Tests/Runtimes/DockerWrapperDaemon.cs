using DockerGuard.OciHook.Install;
using DockerGuard.OciHook.Tests.Support;
using DockerGuard.TestSupport.Docker;

namespace DockerGuard.OciHook.Tests.Runtimes;

/// <summary>
/// A throwaway dockerd (tests/TestSupport.Docker) whose default runtime is DockerGuard's published runc
/// wrapper (daemon.json <c>runtimes</c> + <c>default-runtime</c>), as docs/oci.md installs it, and no
/// authorization plugin: the hook alone must stop what the API let through. The wrapper finds the hook
/// through the hooks.d definition in the daemon's temp dir (DOCKERGUARD_HOOK_DEFINITION, which dockerd
/// passes on to containerd, the shim and so to the wrapper). Everything is torn down on dispose.
/// </summary>
public sealed class DockerWrapperDaemon : IAsyncLifetime
{
    public const string Image = ThrowawayDockerd.Image;

    private readonly ThrowawayDockerd _daemon = new("dg-ocid-");

    private string Root => _daemon.Root;
    public string ExecRoot => _daemon.ExecRoot;
    public string AuditSpill => Path.Combine(Root, "audit.jsonl");
    private string DefinitionPath => Path.Combine(Root, "hooks.d", HookDefinition.FileName);

    public async Task InitializeAsync()
    {
        // xunit does not dispose a fixture whose initialisation failed: clean up here.
        try
        {
            var hook = await PublishedBinaries.HookAsync();
            var wrapper = await PublishedBinaries.WrapperAsync();
            Directory.CreateDirectory(Path.GetDirectoryName(DefinitionPath)!);
            HookDefinitionFile.Write(DefinitionPath, HookDefinition.For(hook, [$"DOCKERGUARD_AUDIT=jsonl:{AuditSpill}"]));
            await _daemon.StartAsync(new DockerdOptions
            {
                Runtimes = new Dictionary<string, string> { ["dockerguard"] = wrapper },
                DefaultRuntime = "dockerguard",
                Environment = new Dictionary<string, string> { [Wrapper.RuncWrapper.DefinitionVariable] = DefinitionPath },
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The docker CLI against this daemon, its output untrimmed.</summary>
    public Task<RunResult> Docker(params string[] args) =>
        Run.Async(ThrowawayDockerd.Cli, args, _daemon.CliEnvironment.ToDictionary(), timeout: TimeSpan.FromMinutes(1));

    /// <summary><c>docker run --rm FLAGS bb:latest echo ran</c>.</summary>
    public Task<RunResult> RunContainer(params string[] flags) => Docker(["run", "--rm", .. flags, Image, "echo", "ran"]);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();
}
