using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DockerGuard.TestSupport.Docker;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// What the plugin costs a docker user, and how much of that is dockerd's plugin protocol itself: three
/// throwaway dockerds side by side, one without <c>--authorization-plugin</c>, one with the do-nothing
/// <see cref="NullPlugin"/>, one with DockerGuard (served as a child process with the real policy and
/// SQLite audit), and N container create + remove on each, in rounds whose order rotates so that a busy
/// machine slows all three alike. Done twice: raw Engine API over the daemon socket (the daemon's own
/// time, and each process's CPU), and the docker CLI (what a user waits for, its own startup included).
/// </summary>
public static class DockerCompare
{
    private static readonly string[] Arms = ["no plugin", "null plugin", "DockerGuard"];

    public static async Task<int> RunAsync(LoadOptions options)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg")[..14]}");
        var tag = Guid.NewGuid().ToString("N")[..8];
        string nullName = $"dgnull-{tag}", guardName = $"dgbench-{tag}";
        Directory.CreateDirectory("/run/docker/plugins");
        await using var nullPlugin = await ServerProcess.StartNullAsync(options, $"/run/docker/plugins/{nullName}.sock");
        await using var guard = await ServerProcess.StartAsync(options, $"/run/docker/plugins/{guardName}.sock");
        await using var plain = await StartDockerdAsync(null);
        await using var nulled = await StartDockerdAsync(nullName);
        await using var guarded = await StartDockerdAsync(guardName);
        ThrowawayDockerd[] daemons = [plain, nulled, guarded];
        Console.WriteLine($"dockerds: {string.Join(", ", daemons.Select((d, i) => $"{Arms[i]} {d.Root}"))}; DockerGuard policy {options.PolicyDir}, audit {options.Audit}");

        var body = CreateBody();
        var apis = daemons.Select(d => UnixHttp.Client(d.Socket, TimeSpan.FromSeconds(60))).ToArray();
        try
        {
            int[] pids = [.. daemons.Select(d => d.Pid), nullPlugin.Pid, guard.Pid];
            var cpu = new TimeSpan[pids.Length];
            var api = await CompareAsync(options.Count, [.. apis.Select(a => (Func<Task<(double, double)>>)(() => ApiCreateRemoveAsync(a, body)))],
                afterWarmup: () => cpu = pids.Select(ProcStatus.CpuTime).ToArray());
            // After the warm-up (the first calls' JIT compilation excluded). dockerd's own share of a plugin
            // (marshalling request and response to JSON and base64, its HTTP client, two round trips) shows as its extra CPU.
            var used = pids.Select((p, i) => (ProcStatus.CpuTime(p) - cpu[i]).TotalMilliseconds * 1000 / options.Count).ToArray();
            var apiOk = CompareReport.Print("Engine API (HttpClient over the daemon socket)", Arms, api);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU per create+rm (10 ms clock ticks, averaged): dockerd {used[0]:F0} µs no plugin, {used[1]:F0} µs null plugin ({used[1] - used[0]:+0;-0}), {used[2]:F0} µs DockerGuard ({used[2] - used[0]:+0;-0}); plugin process: null {used[3]:F0} µs, DockerGuard {used[4]:F0} µs"));
            var cli = await CompareAsync(options.Count, [.. daemons.Select(d => (Func<Task<(double, double)>>)(() => CliCreateRemoveAsync(d)))]);
            var cliOk = CompareReport.Print("docker CLI (docker create + docker rm processes)", Arms, cli);
            Console.WriteLine($"load average at the end {File.ReadAllText("/proc/loadavg")[..14]}");
            return apiOk && cliOk ? 0 : 1;
        }
        finally
        {
            foreach (var a in apis) a.Dispose();
        }
    }

    private static async Task<ThrowawayDockerd> StartDockerdAsync(string? plugin)
    {
        var daemon = new ThrowawayDockerd("dg-bench-dockerd-");
        try
        {
            await daemon.StartAsync(new DockerdOptions { AuthorizationPlugin = plugin });
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>Warm-up rounds, then <paramref name="count"/> rounds of one create+rm per arm; round i starts at arm i mod n.</summary>
    private static async Task<Samples[]> CompareAsync(int count, Func<Task<(double, double)>>[] arms, Action? afterWarmup = null)
    {
        for (var i = 0; i < 10; i++)
            foreach (var arm in arms) await arm();
        afterWarmup?.Invoke();
        var samples = arms.Select(_ => new Samples([], [], [])).ToArray();
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < arms.Length; k++)
            {
                var a = (i + k) % arms.Length;
                var (create, remove) = await arms[a]();
                samples[a].Create.Add(create);
                samples[a].Remove.Add(remove);
                samples[a].Pair.Add(create + remove);
            }
        }
        return samples;
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
}

/// <summary>Milliseconds per call of one arm, in round order (round i of every arm ran back to back).</summary>
public sealed record Samples(List<double> Create, List<double> Remove, List<double> Pair);
