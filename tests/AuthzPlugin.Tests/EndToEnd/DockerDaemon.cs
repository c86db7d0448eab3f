using System.Diagnostics;
using System.Formats.Tar;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class DockerDaemonCollection : ICollectionFixture<DockerDaemon>
{
    public const string Name = "real dockerd";
}

/// <summary>
/// A throwaway dockerd guarded by DockerGuard: unique socket, data and exec roots under a temp dir,
/// vfs storage, no iptables, no bridge, private cgroup namespaces by default, and
/// <c>--authorization-plugin=&lt;unique name&gt;</c> whose socket DockerGuard listens on BEFORE the daemon
/// starts (dockerd refuses to start without its plugin). A busybox image is imported as bb:latest.
/// Everything (daemon, its containerd, mounts, sockets, dirs) is torn down in DisposeAsync.
/// </summary>
public sealed class DockerDaemon : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("dgd-").FullName;
    public string PluginName { get; } = $"dgtest-{Guid.NewGuid():N}"[..15];
    public string PluginSocket => $"/run/docker/plugins/{PluginName}.sock";
    public string DockerSocket => Path.Combine(Root, "docker.sock");
    public string DockerHost => $"unix://{DockerSocket}";
    /// <summary>The real audit trail (SQLite in the temp dir), as <c>dockerguard serve</c> runs it.</summary>
    public DecisionAudit Audit { get; private set; } = null!;
    public PolicyStore Policy { get; } = new(CompiledPolicy.CatalogDefaults());
    public PluginServer? Plugin { get; private set; }

    private Process? _dockerd;

    /// <summary>The docker CLI: the newer static client when installed, else Debian's.</summary>
    public static string Cli => File.Exists("/usr/local/bin/docker") ? "/usr/local/bin/docker" : "/usr/bin/docker";

    public async Task InitializeAsync()
    {
        try
        {
            Audit = await DecisionAudit.StartAsync(new AuditOptions
            {
                Store = "sqlite:" + Path.Combine(Root, "audit.db"),
                SpillPath = Path.Combine(Root, "audit-spill.jsonl"),
                SqliteFullSync = false,
            });
            await StartPluginAsync();
            File.WriteAllText(Path.Combine(Root, "daemon.json"), "{}");
            var psi = new ProcessStartInfo("/usr/sbin/dockerd") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[]
            {
                "--host", DockerHost, "--data-root", Path.Combine(Root, "data"), "--exec-root", Path.Combine(Root, "x"),
                "--pidfile", Path.Combine(Root, "docker.pid"), "--config-file", Path.Combine(Root, "daemon.json"),
                "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--default-cgroupns-mode=private", $"--authorization-plugin={PluginName}",
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
                if (File.Exists(DockerSocket) && (await DockerAsync("version")).Exit == 0) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"dockerd did not come up; see {Root}/dockerd.log");
                await Task.Delay(250);
            }
            await ImportBusyboxAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task StartPluginAsync() =>
        Plugin = await PluginServer.StartAsync(Policy, Audit, new PluginOptions { SocketPath = PluginSocket });

    public async Task StopPluginAsync()
    {
        if (Plugin is not null) await Plugin.DisposeAsync();
        Plugin = null;
    }

    /// <summary>Runs the docker CLI against this daemon.</summary>
    public async Task<(int Exit, string Out, string Err)> DockerAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(Cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["DOCKER_HOST"] = DockerHost;
        psi.Environment["DOCKER_CONFIG"] = Path.Combine(Root, "cli");
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    /// <summary>A rootfs of /bin/busybox and its applets as symlinks, imported with <c>docker import</c>.</summary>
    private async Task ImportBusyboxAsync()
    {
        var tar = Path.Combine(Root, "bb.tar");
        await using (var file = File.Create(tar))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            foreach (var dir in new[] { "bin/", "tmp/", "etc/", "proc/", "sys/", "dev/" })
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = (UnixFileMode)0x1ED });
            await using (var busybox = File.OpenRead("/bin/busybox"))
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { DataStream = busybox, Mode = (UnixFileMode)0x1ED });
            foreach (var applet in new[] { "sh", "true", "echo", "sleep", "cat", "id", "ls", "env" })
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "etc/passwd")
            { DataStream = new MemoryStream("root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n"u8.ToArray()), Mode = (UnixFileMode)0x1A4 });
        }
        var (exit, _, err) = await DockerAsync("import", "--change", "CMD [\"sh\"]", tar, "bb:latest");
        if (exit != 0) throw new InvalidOperationException($"docker import failed: {err}");
    }

    public async Task DisposeAsync()
    {
        if (_dockerd is { HasExited: false })
        {
            try { await DockerAsync("rm", "-f", "running"); } catch (Exception) { }
            // SIGKILL would leave containerd and mounts: ask politely first.
            Process.Start("kill", ["-TERM", _dockerd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _dockerd.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _dockerd.Kill(entireProcessTree: true); }
        }
        _dockerd?.Dispose();
        await StopPluginAsync();
        if (Audit is not null) await Audit.DisposeAsync();
        Unmount();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Anything the daemon left mounted under the temp root (netns, shm), deepest first.</summary>
    private void Unmount()
    {
        var mounts = File.ReadAllLines("/proc/self/mounts")
            .Select(l => l.Split(' ')[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(m => m.StartsWith(Root, StringComparison.Ordinal))
            .OrderByDescending(m => m.Length);
        foreach (var m in mounts) Process.Start("umount", ["-l", m])?.WaitForExit();
    }
}
