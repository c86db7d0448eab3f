using System.Diagnostics;
using System.Globalization;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

/// <summary>
/// The real <c>dockerguard serve</c> as its own process (the build output of src/Cli, referenced by
/// this project), so it can be SIGTERMed and SIGKILLed like the installed service. Output lines are
/// collected for assertions; Dispose kills a process still running.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _changed = new(0);

    private ServeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_lines) return string.Join('\n', _lines); } }

    /// <summary>Starts <c>dockerguard serve ARGS</c> and waits for its startup line.</summary>
    public static async Task<ServeProcess> StartAsync(params string[] args)
    {
        var serve = Launch([], ["serve", .. args]);
        await serve.WaitForLineAsync("listening on");
        return serve;
    }

    /// <summary>Starts <c>dockerguard ARGS</c>, behind a wrapper command when one is given (e.g. systemd-socket-activate -l PATH); does not wait.</summary>
    public static ServeProcess Launch(string[] wrapper, IEnumerable<string> args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var psi = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var w in wrapper.Skip(1)) psi.ArgumentList.Add(w);
        if (wrapper.Length > 0) psi.ArgumentList.Add(dotnet);
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dockerguard.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return new ServeProcess(Process.Start(psi)!);
    }

    public async Task WaitForLineAsync(string fragment, int occurrence = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            lock (_lines)
                if (_lines.Count(l => l.Contains(fragment, StringComparison.Ordinal)) >= occurrence) return;
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // drain the output
                throw new InvalidOperationException($"dockerguard serve exited ({_process.ExitCode}) before printing '{fragment}':\n{Output}");
            }
            try { await _changed.WaitAsync(TimeSpan.FromMilliseconds(200), timeout.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"dockerguard serve did not print '{fragment}':\n{Output}"); }
        }
    }

    public void Signal(string signal) =>
        Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        _changed.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
