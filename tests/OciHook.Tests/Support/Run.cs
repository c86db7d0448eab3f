using System.Diagnostics;

namespace DockerGuard.OciHook.Tests.Support;

/// <summary>The outcome of a finished child process.</summary>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>Runs real programs (dotnet publish, podman, docker, the published hook) with a deadline.</summary>
public static class Run
{
    public static async Task<RunResult> Async(string file, IEnumerable<string> args, IDictionary<string, string>? env = null,
        byte[]? stdin = null, TimeSpan? timeout = null, bool clearEnvironment = false, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (clearEnvironment) psi.Environment.Clear();
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) await p.StandardInput.BaseStream.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program may exit before reading stdin (the hook refuses a bad setting first): EPIPE, as runc sees it too.
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout ?? TimeSpan.FromMinutes(2)}");
        }
        return new RunResult(p.ExitCode, await stdout, await stderr);
    }

    public static async Task<RunResult> Checked(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var r = await Async(file, args, env, timeout: timeout);
        if (r.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {r}");
        return r;
    }
}
