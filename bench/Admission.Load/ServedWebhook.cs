using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace DockerGuard.Admission.Load;

/// <summary>
/// The real <c>dockerguard webhook serve --self-signed</c> as its own process (so its memory can be
/// read from /proc and the load generator's own allocations do not count), on a free loopback port,
/// with its state directory removed afterwards. GC settings reach it through the environment
/// (DOTNET_gcServer, DOTNET_GCHeapHardLimit, ...), which the child inherits.
/// </summary>
public sealed class ServedWebhook : IDisposable
{
    private readonly Process _process;
    private readonly string _stateDir;
    private int _disposed;
    private PosixSignalRegistration[] _signals = [];

    private ServedWebhook(Process process, string stateDir, Uri address, X509Certificate2 ca)
    {
        _process = process;
        _stateDir = stateDir;
        Address = address;
        Ca = ca;
    }

    public Uri Address { get; }
    public X509Certificate2 Ca { get; }
    public int Pid => _process.Id;

    public static ServedWebhook Start(string binary, string? policyDir, TimeSpan timeout)
    {
        var stateDir = Directory.CreateTempSubdirectory("dg-webhook-load-").FullName;
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "webhook", "serve", "--self-signed", "--state-dir", stateDir, "--address", "127.0.0.1", "--port", "0" }) info.ArgumentList.Add(a);
        if (policyDir is not null)
        {
            info.ArgumentList.Add("--policy-dir");
            info.ArgumentList.Add(policyDir);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {binary}");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [webhook] {e.Data}"); };
        process.BeginErrorReadLine();
        try
        {
            string? caPath = null;
            var read = Task.Run(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    if (line.StartsWith("self-signed CA bundle: ", StringComparison.Ordinal)) caPath = line["self-signed CA bundle: ".Length..].Trim();
                    var at = line.IndexOf("listening on ", StringComparison.Ordinal);
                    if (at >= 0) return new Uri(line[(at + "listening on ".Length)..].Split(' ')[0]);
                }
                throw new InvalidOperationException($"webhook exited ({process.ExitCode}) before listening");
            });
            if (!read.Wait(timeout)) throw new TimeoutException("webhook did not start listening in time");
            // Keep draining stdout so the child never blocks on a full pipe.
            _ = Task.Run(() => process.StandardOutput.ReadToEnd());
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPath ?? throw new InvalidOperationException("no CA bundle path printed")));
            var served = new ServedWebhook(process, stateDir, read.Result, ca);
            // Interrupted (Ctrl-C, SIGTERM): take the webhook and its files down too, then exit as the signal asks.
            served._signals = [
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => served.Dispose()),
                PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => served.Dispose()),
            ];
            return served;
        }
        catch
        {
            Stop(process);
            Directory.Delete(stateDir, true);
            throw;
        }
    }

    /// <summary>User plus system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone (a signal to the whole process group reached it first).
        }
        process.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        foreach (var s in _signals) s.Dispose();
        try
        {
            Stop(_process);
        }
        finally
        {
            Directory.Delete(_stateDir, true);
        }
    }
}
