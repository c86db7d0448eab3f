using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace DockerGuard.TestSupport.Docker;

/// <summary>
/// A dockerd of its own for tests and benchmarks: unique socket, data and exec roots under one temp dir
/// (<see cref="Root"/>), vfs storage, no iptables, no bridge, private cgroup namespaces, and what
/// <see cref="DockerdOptions"/> adds (an authorization plugin, runtimes, environment). The busybox rootfs
/// is imported as <see cref="Image"/>. Files a caller needs before the start (a hooks.d entry, an audit
/// database) may go in <see cref="Root"/> between construction and <see cref="StartAsync"/>.
/// Disposing removes the containers, stops the daemon and its containerd, unmounts what they left and
/// deletes <see cref="Root"/>.
/// </summary>
public sealed class ThrowawayDockerd : IAsyncDisposable
{
    public const string Image = "bb:latest";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);

    private Process? _process;

    public ThrowawayDockerd(string tempPrefix = "dg-dockerd-") => Root = Directory.CreateTempSubdirectory(tempPrefix).FullName;

    public string Root { get; }
    /// <summary>The dockerd process (a benchmark reads its CPU time); only after <see cref="StartAsync"/>.</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("this dockerd has not been started");
    public string Socket => Path.Combine(Root, "docker.sock");
    public string Host => "unix://" + Socket;
    /// <summary>Where dockerd's containerd keeps the bundles (config.json) of running containers.</summary>
    public string ExecRoot => Path.Combine(Root, "x");
    public string Log => Path.Combine(Root, "dockerd.log");

    /// <summary>The environment that points the docker CLI at this daemon (and keeps its config out of $HOME).</summary>
    public IReadOnlyDictionary<string, string> CliEnvironment => new Dictionary<string, string>
    {
        ["DOCKER_HOST"] = Host,
        ["DOCKER_CONFIG"] = Path.Combine(Root, "cli"),
    };

    /// <summary>The docker CLI: the newer static client when installed, else Debian's.</summary>
    public static string Cli => File.Exists("/usr/local/bin/docker") ? "/usr/local/bin/docker" : "/usr/bin/docker";

    /// <summary>Starts dockerd, waits until it answers and imports the busybox image. On failure it stops what it started and throws.</summary>
    public async Task StartAsync(DockerdOptions options)
    {
        if (_process is not null) throw new InvalidOperationException("this dockerd was already started");
        File.WriteAllText(Path.Combine(Root, "daemon.json"), DaemonJson(options));
        var psi = new ProcessStartInfo("/usr/sbin/dockerd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in options.Environment) psi.Environment[k] = v;
        foreach (var a in Arguments(options)) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        var log = File.CreateText(Log);
        log.AutoFlush = true;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await WaitUntilUpAsync();
            await ImportBusyboxAsync();
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private List<string> Arguments(DockerdOptions options)
    {
        var args = new List<string>
        {
            "--host", Host, "--data-root", Path.Combine(Root, "data"), "--exec-root", ExecRoot,
            "--pidfile", Path.Combine(Root, "docker.pid"), "--config-file", Path.Combine(Root, "daemon.json"),
            "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
            "--default-cgroupns-mode=private",
        };
        if (options.AuthorizationPlugin is not null) args.Add($"--authorization-plugin={options.AuthorizationPlugin}");
        return args;
    }

    private static string DaemonJson(DockerdOptions options)
    {
        var json = new JsonObject();
        if (options.Runtimes.Count > 0)
            json["runtimes"] = new JsonObject(options.Runtimes.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonObject { ["path"] = r.Value })));
        if (options.DefaultRuntime is not null) json["default-runtime"] = options.DefaultRuntime;
        return json.ToJsonString();
    }

    private async Task WaitUntilUpAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"dockerd exited ({_process.ExitCode}); see {Log}:\n{ReadLog()}");
            if (File.Exists(Socket) && (await DockerAsync("version")).Exit == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"dockerd did not come up in {StartTimeout}; see {Log}:\n{ReadLog()}");
            await Task.Delay(250);
        }
    }

    private string ReadLog()
    {
        try { return File.ReadAllText(Log); }
        catch (IOException) { return ""; }
    }

    private async Task ImportBusyboxAsync()
    {
        var tar = Path.Combine(Root, "bb.tar");
        BusyboxRootfs.WriteTar(tar);
        var import = await DockerAsync("import", "--change", "CMD [\"sh\"]", tar, Image);
        if (import.Exit != 0) throw new InvalidOperationException($"docker import failed: {import}");
    }

    /// <summary>Runs the docker CLI against this daemon; a call that outlives its deadline is killed.</summary>
    public async Task<DockerCliResult> DockerAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(Cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in CliEnvironment) psi.Environment[k] = v;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CliTimeout);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', args)} did not finish in {CliTimeout}");
        }
        return new DockerCliResult(p.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    /// <summary>
    /// Removes every container (best effort: an authorization plugin that is gone refuses it), stops the
    /// daemon and unmounts what it left under <see cref="Root"/>. Safe to call more than once.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                var all = await DockerAsync("ps", "-aq");
                var ids = all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (all.Exit == 0 && ids.Length > 0) await DockerAsync(["rm", "--force", .. ids]);
            }
            catch (TimeoutException)
            {
                // dockerd stops its containers itself on SIGTERM.
            }
            // SIGKILL would leave containerd and its mounts behind: ask politely first.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        MountTable.UnmountUnder(Root);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        _process = null;
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
