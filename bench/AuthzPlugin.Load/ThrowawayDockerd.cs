using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// A dockerd of its own, as the end-to-end tests start it (tests/AuthzPlugin.Tests/EndToEnd/DockerDaemon.cs):
/// unique socket, data and exec roots under a temp dir, vfs, no iptables, no bridge, optionally
/// <c>--authorization-plugin</c>; a busybox image imported as bb:latest. Disposing stops it and removes
/// its mounts and directory.
/// </summary>
public sealed class ThrowawayDockerd : IAsyncDisposable
{
    private readonly Process _process;

    private ThrowawayDockerd(string root, Process process)
    {
        Root = root;
        _process = process;
    }

    public string Root { get; }
    /// <summary>The dockerd process (for its CPU time).</summary>
    public int Pid => _process.Id;
    public string Socket => Path.Combine(Root, "docker.sock");

    /// <summary>The docker CLI: the newer static client when installed, else Debian's.</summary>
    public static string Cli => File.Exists("/usr/local/bin/docker") ? "/usr/local/bin/docker" : "/usr/bin/docker";

    public static async Task<ThrowawayDockerd> StartAsync(string? authorizationPlugin)
    {
        var root = Directory.CreateTempSubdirectory("dg-bench-dockerd-").FullName;
        File.WriteAllText(Path.Combine(root, "daemon.json"), "{}");
        var psi = new ProcessStartInfo("/usr/sbin/dockerd") { RedirectStandardOutput = true, RedirectStandardError = true };
        var args = new List<string>
        {
            "--host", "unix://" + Path.Combine(root, "docker.sock"), "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "x"),
            "--pidfile", Path.Combine(root, "docker.pid"), "--config-file", Path.Combine(root, "daemon.json"),
            "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
        };
        if (authorizationPlugin is not null) args.Add($"--authorization-plugin={authorizationPlugin}");
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var log = File.CreateText(Path.Combine(root, "dockerd.log"));
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new ThrowawayDockerd(root, process);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"dockerd exited ({process.ExitCode}): {File.ReadAllText(Path.Combine(root, "dockerd.log"))}");
                if (File.Exists(daemon.Socket) && (await daemon.DockerAsync("version")).Exit == 0) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException("dockerd did not come up");
                await Task.Delay(250);
            }
            await daemon.ImportBusyboxAsync();
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    public async Task<(int Exit, string Out, string Err)> DockerAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(Cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["DOCKER_HOST"] = "unix://" + Socket;
        psi.Environment["DOCKER_CONFIG"] = Path.Combine(Root, "cli");
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    /// <summary>A rootfs of /bin/busybox (busybox-static) and a few applets, imported with <c>docker import</c>.</summary>
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
            foreach (var applet in new[] { "sh", "true" })
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
        }
        var (exit, _, err) = await DockerAsync("import", "--change", "CMD [\"sh\"]", tar, "bb:latest");
        if (exit != 0) throw new InvalidOperationException($"docker import failed: {err}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGKILL would leave containerd and mounts behind: ask politely first.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        var mounts = File.ReadAllLines("/proc/self/mounts")
            .Select(l => l.Split(' ')[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(m => m.StartsWith(Root, StringComparison.Ordinal))
            .OrderByDescending(m => m.Length);
        foreach (var m in mounts) Process.Start("umount", ["-l", m])?.WaitForExit();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
