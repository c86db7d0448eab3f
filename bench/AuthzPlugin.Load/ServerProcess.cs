using System.Diagnostics;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// This tool re-run with --serve as a child: the plugin server in a process of its own, on a socket
/// and audit database in a temp dir, removed on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private ServerProcess(Process process, string dir, string socket)
    {
        _process = process;
        _dir = dir;
        Socket = socket;
    }

    public string Socket { get; }
    public int Pid => _process.Id;

    /// <param name="socket">Where to listen; by default a socket in the temp dir.</param>
    public static Task<ServerProcess> StartAsync(LoadOptions options, string? socket = null) =>
        StartAsync(options, socket, dir => ["--serve", "--policy-dir", options.PolicyDir, "--audit-dir", dir, "--audit", options.Audit]);

    /// <summary>The do-nothing plugin (<see cref="NullPlugin"/>) as a child, a process of its own as a real plugin is.</summary>
    public static Task<ServerProcess> StartNullAsync(LoadOptions options, string? socket = null) => StartAsync(options, socket, _ => ["--null-plugin"]);

    /// <summary>Kestrel as served with an empty handler (<see cref="KestrelFloor"/>), as a child.</summary>
    public static Task<ServerProcess> StartKestrelEmptyAsync(LoadOptions options) => StartAsync(options, null, _ => ["--kestrel-empty"]);

    /// <summary>The child --server names.</summary>
    public static Task<ServerProcess> StartChosenAsync(LoadOptions options) => options.Server switch
    {
        "kestrel-empty" => StartKestrelEmptyAsync(options),
        "null" => StartNullAsync(options),
        _ => StartAsync(options),
    };

    private static async Task<ServerProcess> StartAsync(LoadOptions options, string? socket, Func<string, string[]> mode)
    {
        var dir = Directory.CreateTempSubdirectory("dg-authzload-").FullName;
        socket ??= Path.Combine(dir, "plugin.sock");
        var psi = SelfInvocation();
        foreach (var a in mode(dir).Concat(["--socket", socket])) psi.ArgumentList.Add(a);
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        foreach (var pair in options.ServerEnv)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            psi.Environment[pair[..eq]] = pair[(eq + 1)..];
        }
        var process = Process.Start(psi)!;
        var server = new ServerProcess(process, dir, socket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("ready", StringComparison.Ordinal))
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"the plugin server did not start (said: {line ?? "nothing"})");
        }
        server.Settings = line;
        return server;
    }

    /// <summary>The server's ready line: pid, policy version and the GC settings in effect.</summary>
    public string Settings { get; private set; } = "";

    /// <summary>How to start this same program again: the apphost, or dotnet with the entry assembly.</summary>
    public static ProcessStartInfo SelfInvocation()
    {
        var host = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") psi.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        return psi;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close(); // the server stops when its stdin closes
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        if (File.Exists(Socket)) File.Delete(Socket); // left by a server that had to be killed
        Directory.Delete(_dir, recursive: true);
    }
}
