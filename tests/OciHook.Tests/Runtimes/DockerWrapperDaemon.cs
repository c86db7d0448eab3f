using System.Diagnostics;
using System.Globalization;
using DockerGuard.OciHook.Install;
using DockerGuard.OciHook.Tests.Support;

namespace DockerGuard.OciHook.Tests.Runtimes;

/// <summary>
/// A throwaway dockerd whose default runtime is DockerGuard's published runc wrapper (daemon.json
/// <c>runtimes</c> + <c>default-runtime</c>), as docs/oci.md installs it, and no authorization plugin:
/// the hook alone must stop what the API let through. Unique socket, data and exec roots under one
/// temp dir, vfs storage, no iptables, no bridge; a busybox image imported as bb:latest. The wrapper
/// finds the hook through the hooks.d definition in the temp dir (DOCKERGUARD_HOOK_DEFINITION, which
/// dockerd passes on to containerd, the shim and so to the wrapper). Everything is torn down on dispose.
/// </summary>
public sealed class DockerWrapperDaemon : IAsyncLifetime
{
    public const string Image = "bb:latest";

    public string Root { get; } = Directory.CreateTempSubdirectory("dg-ocid-").FullName;
    public string DockerSocket => Path.Combine(Root, "docker.sock");
    public string AuditSpill => Path.Combine(Root, "audit.jsonl");
    private string DefinitionPath => Path.Combine(Root, "hooks.d", HookDefinition.FileName);

    private Process? _dockerd;

    /// <summary>The docker CLI: the newer static client when installed, else Debian's.</summary>
    public static string Cli => File.Exists("/usr/local/bin/docker") ? "/usr/local/bin/docker" : "/usr/bin/docker";

    public async Task InitializeAsync()
    {
        try
        {
            var hook = await PublishedBinaries.HookAsync();
            var wrapper = await PublishedBinaries.WrapperAsync();
            Directory.CreateDirectory(Path.GetDirectoryName(DefinitionPath)!);
            HookDefinitionFile.Write(DefinitionPath, HookDefinition.For(hook, [$"DOCKERGUARD_AUDIT=jsonl:{AuditSpill}"]));
            File.WriteAllText(Path.Combine(Root, "daemon.json"),
                $$$"""{"runtimes":{"dockerguard":{"path":"{{{wrapper}}}"}},"default-runtime":"dockerguard"}""");

            var psi = new ProcessStartInfo("/usr/sbin/dockerd") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment[Wrapper.RuncWrapper.DefinitionVariable] = DefinitionPath;
            foreach (var a in new[]
            {
                "--host", $"unix://{DockerSocket}", "--data-root", Path.Combine(Root, "data"), "--exec-root", Path.Combine(Root, "x"),
                "--pidfile", Path.Combine(Root, "docker.pid"), "--config-file", Path.Combine(Root, "daemon.json"),
                "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--default-cgroupns-mode=private",
            }) psi.ArgumentList.Add(a);
            _dockerd = Process.Start(psi)!;
            var log = File.CreateText(Path.Combine(Root, "dockerd.log"));
            log.AutoFlush = true;
            _dockerd.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            _dockerd.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            _dockerd.BeginOutputReadLine();
            _dockerd.BeginErrorReadLine();

            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (_dockerd.HasExited) throw new InvalidOperationException($"dockerd exited ({_dockerd.ExitCode}); see {Root}/dockerd.log");
                if (File.Exists(DockerSocket) && (await Docker("version")).ExitCode == 0) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"dockerd did not come up; see {Root}/dockerd.log");
                await Task.Delay(250);
            }
            var tar = Path.Combine(Root, "bb.tar");
            BusyboxImage.WriteTar(tar);
            var import = await Docker("import", "--change", "CMD [\"sh\"]", tar, Image);
            if (import.ExitCode != 0) throw new InvalidOperationException($"docker import failed: {import}");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task<RunResult> Docker(params string[] args) =>
        Run.Async(Cli, args, new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{DockerSocket}", ["DOCKER_CONFIG"] = Path.Combine(Root, "cli") },
            timeout: TimeSpan.FromMinutes(1));

    /// <summary><c>docker run --rm FLAGS bb:latest echo ran</c>.</summary>
    public Task<RunResult> RunContainer(params string[] flags) => Docker(["run", "--rm", .. flags, Image, "echo", "ran"]);

    public async Task DisposeAsync()
    {
        if (_dockerd is { HasExited: false })
        {
            await Docker("container", "prune", "--force");
            // SIGKILL would leave containerd and its mounts behind: ask politely first.
            Process.Start("kill", ["-TERM", _dockerd.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _dockerd.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _dockerd.Kill(entireProcessTree: true); }
        }
        _dockerd?.Dispose();
        MountTable.UnmountUnder(Root);
        Directory.Delete(Root, recursive: true);
    }
}
