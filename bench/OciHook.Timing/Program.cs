using System.Diagnostics;
using System.Globalization;
using DockerGuard.OciHook.Timing;

// Usage: dotnet run -c Release --project bench/OciHook.Timing -- [--runs N] [--hook PATH]
// Without --hook, publishes src/OciHook.Hook (Native AOT, linux-x64) into a temp dir first.
var runs = 300;
string? hook = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--hook") hook = Path.GetFullPath(args[++i]);
    else throw new ArgumentException($"unknown argument {args[i]}; usage: [--runs N] [--hook PATH]");
}

var root = Repository.Root();
var work = Directory.CreateTempSubdirectory("dg-hook-timing-").FullName;
try
{
    hook ??= Publisher.PublishHook(root, Path.Combine(work, "bin"));
    Console.WriteLine($"hook: {hook} ({new FileInfo(hook).Length / 1024} KiB), {runs} runs per case after 20 warm-up runs");
    Console.WriteLine(MachineInfo.Describe());
    Console.WriteLine();
    Console.WriteLine("| bundle (config.json fixture) | policy | audit | answer | median | p99 | CPU median | max RSS |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    // The floor on this machine at this moment: spawning a C program that does nothing.
    var floor = new List<double>(runs);
    for (var r = 0; r < runs; r++)
    {
        var start = Stopwatch.GetTimestamp();
        Spawn.Run(["/bin/true"], [], "/dev/null");
        floor.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
    floor.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| (baseline: /bin/true) | — | — | — | {Percentile(floor, 0.5):F2} ms | {Percentile(floor, 0.99):F2} ms | — | — |"));
    // policies/ is the shipped default policy directory: parsed on every invocation, as installed (its version's
    // hash comes from the policy-version cache after the first run). Audit: the spill line, "normal" (one O_APPEND
    // write) or "full" (plus fdatasync).
    var cases = new (string Fixture, bool Policy, string? Audit)[]
    {
        ("docker-default", false, null), ("podman-default", false, null), ("docker-privileged", false, null), ("podman-net-host", false, null),
        ("docker-default", true, null), ("docker-privileged", true, null),
        ("docker-default", true, "normal"), ("docker-privileged", true, "normal"),
        ("docker-default", true, "full"), ("docker-privileged", true, "full"),
    };
    foreach (var (fixture, policy, audit) in cases)
    {
        var bundle = Path.Combine(work, fixture);
        Directory.CreateDirectory(bundle);
        File.Copy(Path.Combine(root, "tests/OciHook.Tests/Fixtures", fixture + ".config.json"), Path.Combine(bundle, "config.json"), overwrite: true);
        var state = Path.Combine(bundle, "state.json");
        // The engine names the container's own files (hosts, resolv.conf) after its id; use the captured one.
        var id = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(bundle, "config.json")), "containers/([0-9a-f]{64})/") is { Success: true } m ? m.Groups[1].Value : new string('a', 64);
        File.WriteAllText(state, $$$"""{"ociVersion":"1.0.2","id":"{{{id}}}","status":"creating","pid":{{{Environment.ProcessId}}},"bundle":"{{{bundle}}}","annotations":{}}""");
        var spill = Path.Combine(work, "audit-spill.jsonl");
        string[] env =
        [
            "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "DOCKERGUARD_ON_ERROR=deny", audit is null ? "DOCKERGUARD_AUDIT=off" : $"DOCKERGUARD_AUDIT=jsonl:{spill}",
            $"DOCKERGUARD_AUDIT_SYNC={audit ?? "normal"}", $"DOCKERGUARD_POLICY_CACHE={Path.Combine(work, "policy-version.cache")}",
            .. policy ? new[] { $"DOCKERGUARD_POLICY={Path.Combine(root, "policies")}" } : [],
        ];
        string[] argv = [hook, "createRuntime"];

        for (var w = 0; w < 20; w++) Spawn.Run(argv, env, state);
        var ms = new List<double>(runs);
        var cpu = new List<double>(runs);
        var exit = 0;
        for (var r = 0; r < runs; r++)
        {
            var start = Stopwatch.GetTimestamp();
            (exit, var cpuMs) = Spawn.Run(argv, env, state);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            cpu.Add(cpuMs);
        }
        ms.Sort();
        cpu.Sort();
        var rss = PeakRss.Measure(argv, env, state, Path.Combine(work, "rss.txt"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {fixture} | {(policy ? "policies/" : "catalogue")} | {(audit is null ? "off" : $"jsonl, sync {audit}")} | {(exit == 0 ? "allow" : "deny")} | {Percentile(ms, 0.5):F2} ms | {Percentile(ms, 0.99):F2} ms | {Percentile(cpu, 0.5):F2} ms | {rss} |"));
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
