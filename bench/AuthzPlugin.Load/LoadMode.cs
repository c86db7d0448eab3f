using System.Globalization;
using System.Runtime.InteropServices;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// The fixed-rate benchmark: the plugin started as a child process (or an already-running one on
/// --socket), its idle RSS, a warm-up, then the measured run with the server's RSS sampled every
/// 100 ms. Exit code 1 when a target is missed.
/// </summary>
public static class LoadMode
{
    private const double TargetP99Ms = 0.5;
    private const long IdleLimitKb = 80 * 1024;
    private const long LoadLimitKb = 150 * 1024;

    public static async Task<int> RunAsync(LoadOptions options)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await using var child = options.Socket is null ? await ServerProcess.StartChosenAsync(options) : null;
        var socket = child?.Socket ?? options.Socket!;
        var pid = child?.Pid ?? options.ServerPid;
        Console.WriteLine(child is null ? $"plugin: already running on {socket}" : $"plugin: child process {pid} on {socket}, {ServerText(options)}{Env(options)}");
        if (child is not null) Console.WriteLine($"plugin says: {child.Settings}");

        ProcStatus? idle = null;
        if (pid is { } p)
        {
            await Task.Delay(TimeSpan.FromSeconds(2)); // let startup settle
            idle = ProcStatus.Of(p);
            Console.WriteLine($"server RSS idle after startup: {ProcStatus.Mb(idle.Value.VmRssKb)} (HWM {ProcStatus.Mb(idle.Value.VmHwmKb)})");
        }

        using var client = UnixHttp.Client(socket, TimeSpan.FromSeconds(10));
        var run = new OpenLoopRun(client, RequestMix.Load(), options.Rate);
        Console.WriteLine("answers of the policy to the mix:");
        await run.LearnAnswersAsync();

        Console.WriteLine($"warm-up: {options.WarmupSeconds} s at {options.Rate}/s");
        await run.RunAsync(TimeSpan.FromSeconds(options.WarmupSeconds));

        Console.WriteLine($"measured: {options.Seconds} s at {options.Rate}/s (open loop, latency from the scheduled send time)");
        long peakKb = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = pid is { } sp ? Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakKb = Math.Max(peakKb, ProcStatus.Of(sp).VmRssKb);
                try { await Task.Delay(100, sampling.Token); }
                catch (OperationCanceledException) { }
            }
        }) : Task.CompletedTask;
        var cpuBefore = pid is { } cp ? ProcStatus.CpuTime(cp) : TimeSpan.Zero;
        var ownBefore = ProcStatus.CpuTime(Environment.ProcessId);
        var result = await run.RunAsync(TimeSpan.FromSeconds(options.Seconds));
        var cpu = pid is { } cp2 ? ProcStatus.CpuTime(cp2) - cpuBefore : TimeSpan.Zero;
        var own = ProcStatus.CpuTime(Environment.ProcessId) - ownBefore;
        await sampling.CancelAsync();
        await sampler;

        Console.WriteLine($"sent {result.Sent}, at most {result.MaxInFlight} in flight (each on its own connection), errors {result.Errors}, changed answers {result.ChangedAnswers}{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}");
        Console.WriteLine($"latency (from due time): {Percentiles.Describe(result.LatencyMs)}");
        Console.WriteLine($"service time (from send): {Percentiles.Describe(result.ServiceMs)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generator send lag p99: {result.SendLagP99Ms:F3} ms"));
        if (pid is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server CPU: {cpu.TotalMilliseconds * 1000 / result.Sent:F0} µs per message, {cpu.TotalSeconds / options.Seconds * 100:F0}% of one core at {options.Rate}/s (CPU time: far less sensitive to a busy machine than latency)"));
        // The generator shares the 2 cores with the server: what it takes is not available to the server.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generator CPU: {own.TotalMilliseconds * 1000 / result.Sent:F0} µs per message, {own.TotalSeconds / options.Seconds * 100:F0}% of one core (HttpClient, keep-alive connections, and the scheduler's last-50-µs spin)"));
        foreach (var (kind, samples) in result.ByKind) Console.WriteLine($"  {kind,-9} {Percentiles.Describe(samples)}");

        var p99 = Percentiles.Of(result.LatencyMs, 0.99);
        var pass = result.Errors == 0 && result.ChangedAnswers == 0 && p99 <= TargetP99Ms;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target p99 <= {TargetP99Ms} ms at {options.Rate}/s: {(p99 <= TargetP99Ms ? "met" : "MISSED")} ({p99:F3} ms)"));
        if (pid is { } rp)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var after = ProcStatus.Of(rp);
            Console.WriteLine($"server RSS peak under load: {ProcStatus.Mb(peakKb)} (VmHWM {ProcStatus.Mb(after.VmHwmKb)}), 2 s after load: {ProcStatus.Mb(after.VmRssKb)}");
            var memOk = idle!.Value.VmRssKb < IdleLimitKb && after.VmHwmKb < LoadLimitKb;
            Console.WriteLine($"memory standard (< 80 MB idle, < 150 MB under load): {(memOk ? "met" : "MISSED")}");
            pass &= memOk;
        }
        return pass ? 0 : 1;
    }

    private static string ServerText(LoadOptions options) => options.Server switch
    {
        "kestrel-empty" => "Kestrel as served with an empty handler (no JSON, no decision, no audit)",
        "null" => "the raw-socket null plugin (no Kestrel, no work)",
        _ => $"DockerGuard, policy {options.PolicyDir}, {AuditText(options)}",
    };

    private static string AuditText(LoadOptions options) => options.Audit switch
    {
        "full" => "SQLite audit (synchronous=FULL)",
        "normal" => "SQLite audit (synchronous=NORMAL, as served)",
        _ => "NO audit (plugin cost alone)",
    };

    private static string Env(LoadOptions options) => options.ServerEnv.Count == 0 ? "" : ", env " + string.Join(' ', options.ServerEnv);
}
