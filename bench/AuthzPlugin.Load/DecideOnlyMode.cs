using System.Diagnostics;
using System.Globalization;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// The same mix without HTTP or audit: envelope decoded, request parsed, translated and evaluated,
/// in a loop on one thread. CPU per message here against the served figure splits the cost between
/// deciding and Kestrel + the socket.
/// </summary>
public static class DecideOnlyMode
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var loaded = PolicyDirectory.Load(options.PolicyDir);
        if (loaded.Plan is null) throw new InvalidOperationException($"policy directory '{options.PolicyDir}' does not compile");
        var decider = new AuthzDecider(new PolicyStore(loaded.Plan), new NoAudit(), new PluginOptions(), NullLogger.Instance);
        var mix = RequestMix.Load();
        var count = options.Rate * options.Seconds;
        for (var i = 0; i < 20_000; i++) await DecideAsync(decider, mix[i % mix.Count]); // past tiered JIT
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++) await DecideAsync(decider, mix[i % mix.Count]);
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decide only ({count} messages of the mix, no HTTP, no audit): {cpu.TotalMilliseconds * 1000 / count:F1} µs CPU per message, {wall.TotalMilliseconds * 1000 / count:F1} µs wall"));
        return 0;
    }

    private static async ValueTask DecideAsync(AuthzDecider decider, MixEntry entry)
    {
        var message = AuthzMessageReader.Read(entry.Body);
        _ = entry.Kind == CallKind.Response ? await decider.CompleteAsync(message, CancellationToken.None) : await decider.DecideAsync(message, CancellationToken.None);
    }
}
