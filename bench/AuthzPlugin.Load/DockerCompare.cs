using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DockerGuard.TestSupport.Docker;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// What the plugin costs a docker user: two throwaway dockerds side by side, one without and one with
/// <c>--authorization-plugin</c> (the plugin served as a child process with the real policy and SQLite
/// audit), and N container create + remove on each, alternating between them so that a busy machine
/// slows both alike. Done twice: raw Engine API over the daemon socket (the daemon's own time), and
/// the docker CLI (what a user waits for, its own startup included).
/// </summary>
public static class DockerCompare
{
    private const double TargetSlowdownPercent = 3;

    public static async Task<int> RunAsync(LoadOptions options)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var name = $"dgbench-{Guid.NewGuid():N}"[..15];
        await using var plugin = await ServerProcess.StartAsync(options, $"/run/docker/plugins/{name}.sock");
        await using var plain = new ThrowawayDockerd("dg-bench-dockerd-");
        await plain.StartAsync(new DockerdOptions());
        await using var guarded = new ThrowawayDockerd("dg-bench-dockerd-");
        await guarded.StartAsync(new DockerdOptions { AuthorizationPlugin = name });
        Console.WriteLine($"dockerd without plugin: {plain.Root}; with plugin {name} (policy {options.PolicyDir}, SQLite audit {options.Audit})");

        var body = CreateBody();
        using var plainApi = UnixHttp.Client(plain.Socket, TimeSpan.FromSeconds(60));
        using var guardedApi = UnixHttp.Client(guarded.Socket, TimeSpan.FromSeconds(60));
        int[] pids = [plain.Pid, guarded.Pid, plugin.Pid];
        var cpu = new TimeSpan[pids.Length];
        var api = await CompareAsync(options.Count, () => ApiCreateRemoveAsync(plainApi, body), () => ApiCreateRemoveAsync(guardedApi, body),
            afterWarmup: () => cpu = pids.Select(ProcStatus.CpuTime).ToArray());
        var apiOk = Report("Engine API (HttpClient over the daemon socket)", api);
        // After the warm-up (the first calls' JIT compilation excluded). dockerd's own share of the plugin
        // (marshalling the request and response to JSON and base64, the two round trips) shows as its extra CPU.
        var used = pids.Select((p, i) => (ProcStatus.CpuTime(p) - cpu[i]).TotalMilliseconds * 1000 / options.Count).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU per create+rm: dockerd without plugin {used[0]:F0} µs, dockerd with plugin {used[1]:F0} µs ({used[1] - used[0]:+0;-0} µs), plugin server {used[2]:F0} µs (10 ms clock ticks, averaged)"));
        var cli = await CompareAsync(options.Count, () => CliCreateRemoveAsync(plain), () => CliCreateRemoveAsync(guarded));
        var cliOk = Report("docker CLI (docker create + docker rm processes)", cli);
        return apiOk && cliOk ? 0 : 1;
    }

    private sealed record Samples(List<double> Create, List<double> Remove, List<double> Pair);

    private static async Task<(Samples Without, Samples With)> CompareAsync(int count, Func<Task<(double, double)>> without, Func<Task<(double, double)>> with, Action? afterWarmup = null)
    {
        for (var i = 0; i < 10; i++)
        {
            await without();
            await with();
        }
        afterWarmup?.Invoke();
        Samples a = new([], [], []), b = new([], [], []);
        for (var i = 0; i < count; i++)
        {
            // Alternate which daemon goes first, so neither always runs right after the other.
            foreach (var (run, into) in i % 2 == 0 ? new[] { (without, a), (with, b) } : [(with, b), (without, a)])
            {
                var (create, remove) = await run();
                into.Create.Add(create);
                into.Remove.Add(remove);
                into.Pair.Add(create + remove);
            }
        }
        return (a, b);
    }

    private static async Task<(double, double)> ApiCreateRemoveAsync(HttpClient api, byte[] body)
    {
        var start = Stopwatch.GetTimestamp();
        using var create = await api.PostAsync("/v1.41/containers/create", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        var created = await create.Content.ReadAsStringAsync();
        if ((int)create.StatusCode != 201) throw new InvalidOperationException($"create: {(int)create.StatusCode} {created}");
        var id = JsonDocument.Parse(created).RootElement.GetProperty("Id").GetString();
        var mid = Stopwatch.GetTimestamp();
        using var remove = await api.DeleteAsync($"/v1.41/containers/{id}");
        if ((int)remove.StatusCode != 204) throw new InvalidOperationException($"rm: {(int)remove.StatusCode} {await remove.Content.ReadAsStringAsync()}");
        return (Stopwatch.GetElapsedTime(start, mid).TotalMilliseconds, Stopwatch.GetElapsedTime(mid).TotalMilliseconds);
    }

    private static async Task<(double, double)> CliCreateRemoveAsync(ThrowawayDockerd daemon)
    {
        var start = Stopwatch.GetTimestamp();
        var (exit, id, err) = await daemon.DockerAsync("create", "bb:latest", "true");
        if (exit != 0) throw new InvalidOperationException($"docker create: {err}");
        var mid = Stopwatch.GetTimestamp();
        (exit, _, err) = await daemon.DockerAsync("rm", id);
        if (exit != 0) throw new InvalidOperationException($"docker rm: {err}");
        return (Stopwatch.GetElapsedTime(start, mid).TotalMilliseconds, Stopwatch.GetElapsedTime(mid).TotalMilliseconds);
    }

    /// <summary>The body the docker CLI sent for a plain create (fixture create-plain), without its name.</summary>
    private static byte[] CreateBody()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "create-plain.authzreq.json")));
        return fixture.RootElement.GetProperty("RequestBody").GetBytesFromBase64();
    }

    private static bool Report(string title, (Samples Without, Samples With) run)
    {
        Console.WriteLine(title);
        var ok = true;
        foreach (var (label, without, with) in new[] { ("create", run.Without.Create, run.With.Create), ("rm", run.Without.Remove, run.With.Remove), ("create+rm", run.Without.Pair, run.With.Pair) })
        {
            // Pair i of each daemon ran back to back: their difference cancels slow drifts of the machine's load.
            var paired = with.Zip(without, (b, a) => b - a).Order().ToList();
            without.Sort();
            with.Sort();
            double m0 = Percentiles.Of(without, 0.5), m1 = Percentiles.Of(with, 0.5), p0 = Percentiles.Of(without, 0.99), p1 = Percentiles.Of(with, 0.99);
            var slower = (m1 - m0) / m0 * 100;
            var (d25, d50, d75) = (Percentiles.Of(paired, 0.25), Percentiles.Of(paired, 0.5), Percentiles.Of(paired, 0.75));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label,-10} without: median {m0:F2} ms p99 {p0:F2} ms | with: median {m1:F2} ms p99 {p1:F2} ms | median {slower:+0.0;-0.0}% p99 {(p1 - p0) / p0 * 100:+0.0;-0.0}% | paired difference median {d50:+0.00;-0.00} ms ({d50 / m0 * 100:+0.0;-0.0}%), quartiles {d25:+0.00;-0.00} / {d75:+0.00;-0.00} ms"));
            if (label == "create+rm")
            {
                ok = slower <= TargetSlowdownPercent;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  target create+rm median <= {TargetSlowdownPercent}% slower: {(ok ? "met" : "MISSED")}"));
            }
        }
        return ok;
    }
}
