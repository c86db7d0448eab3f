using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DockerGuard.Admission.Load;

// dotnet run -c Release --project bench/Admission.Load -- [--rate 1000] [--seconds 20] [--warmup 5]
//     [--protocol both|h2|http1] [--connections 25] [--fixtures DIR] [--policy-dir DIR] [--binary PATH]
var options = LoadOptions.Parse(args);
var rate = options.Int("rate", 1000);
var seconds = options.Int("seconds", 20);
var warmup = options.Int("warmup", 5);
var protocol = options.String("protocol", "both");
var connections = options.Int("connections", 25);
var root = ReviewCorpus.RepositoryRoot();
var corpus = ReviewCorpus.Load(options.String("fixtures", Path.Combine(root, "tests", "Admission.Tests", "Fixtures")));
var policyDir = options.String("policy-dir", Path.Combine(root, "policies"));
var binary = options.String("binary", Path.Combine(AppContext.BaseDirectory, "dockerguard"));

Console.WriteLine(MachineInfo.Describe());
Console.WriteLine($"corpus: {corpus.Count} AdmissionReviews, policy: {policyDir}, server: {binary}");
Console.WriteLine($"server GC environment: {MachineInfo.GcEnvironment()}");

using (var handlerPolicy = DockerGuard.Cli.Commands.WebhookPolicy.Load(policyDir == "none" ? null : policyDir))
    await HandlerRun.RunAsync(handlerPolicy.Store, corpus, options.Int("handler-iterations", 1000));

using var server = ServedWebhook.Start(binary, policyDir == "none" ? null : policyDir, TimeSpan.FromSeconds(60));
await Task.Delay(2000);
var startup = ProcessMemory.Of(server.Pid);
Console.WriteLine($"webhook pid {server.Pid} at {server.Address}: idle after startup VmRSS {ProcessMemory.Mb(startup.RssKb)}");

var protocols = protocol switch
{
    "h2" => new[] { HttpVersion.Version20 },
    "http1" => [HttpVersion.Version11],
    _ => [HttpVersion.Version20, HttpVersion.Version11],
};
var warm = startup;
foreach (var version in protocols)
{
    using var client = Client(server.Address, server.Ca, connections);
    await CheckAnswers(client, version);
    if (version == protocols[0])
    {
        // The first reviews load the Kubernetes model types and JIT the request path: the idle
        // footprint of a webhook that has served, as opposed to one that only started.
        await Task.Delay(1000);
        warm = ProcessMemory.Of(server.Pid);
        Console.WriteLine($"idle after the first {corpus.Count} reviews: VmRSS {ProcessMemory.Mb(warm.RssKb)}");
    }
    if (warmup > 0) await OpenLoopRun.RunAsync(client, version, corpus, rate, warmup);
    var cpuBefore = server.CpuTime();
    var result = await OpenLoopRun.RunAsync(client, version, corpus, rate, seconds);
    var cpu = server.CpuTime() - cpuBefore;
    var label = version == HttpVersion.Version20 ? "HTTP/2 (one connection, as the apiserver's Go client)" : $"HTTP/1.1 keep-alive (at most {connections} connections)";
    Console.WriteLine($"{label}: target {rate}/s for {seconds} s, achieved {result.AchievedRate:F0}/s, failures {result.Failures}");
    Console.WriteLine($"  latency from scheduled send: {Percentiles.Describe(result.FromSchedule)}");
    Console.WriteLine($"  service time from actual send: {Percentiles.Describe(result.Service)}");
    Console.WriteLine($"  sender lateness: {Percentiles.Describe(result.Lateness)}");
    Console.WriteLine($"  server CPU: {cpu.TotalMilliseconds / (rate * seconds) * 1000:F0} µs per request ({cpu.TotalSeconds / seconds * 100:F0}% of one core)");
}

await Task.Delay(2000);
var after = ProcessMemory.Of(server.Pid);
Console.WriteLine($"webhook memory: idle after startup VmRSS {ProcessMemory.Mb(startup.RssKb)}, idle after first reviews VmRSS {ProcessMemory.Mb(warm.RssKb)}, peak under load VmHWM {ProcessMemory.Mb(after.PeakKb)}, idle after load VmRSS {ProcessMemory.Mb(after.RssKb)}");
return 0;

// Trusts only the webhook's CA, as the apiserver does with clientConfig.caBundle. One HTTP/2
// connection (Go's client multiplexes); HTTP/1.1 keeps up to --connections open (the apiserver's
// webhook transport keeps 25 idle per host), so a stall does not turn into a handshake storm.
static HttpClient Client(Uri address, X509Certificate2 ca, int connections)
{
    var handler = new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        SslOptions =
        {
            TargetHost = "localhost",
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };
    return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{address.Port}"), Timeout = TimeSpan.FromSeconds(10) };
}

// Every fixture must come back as a well-formed answer before any timing counts.
async Task CheckAnswers(HttpClient client, Version version)
{
    int allowed = 0, denied = 0;
    foreach (var (name, body) in corpus)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate?timeout=10s") { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } } };
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        if (answer.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean()) allowed++;
        else denied++;
        if (response.Version != version) throw new InvalidOperationException($"{name}: answered over HTTP/{response.Version}, asked for {version}");
    }
    Console.WriteLine($"check over HTTP/{version}: {allowed} allowed, {denied} denied of {corpus.Count}");
}
