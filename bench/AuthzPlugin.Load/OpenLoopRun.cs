using System.Diagnostics;
using System.Globalization;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// Sends the request mix at a fixed rate by the clock (open loop): request i is due at start + i/rate
/// whether or not earlier ones have been answered, and its latency is measured from when it was due,
/// so a stalled server shows up as latency instead of as fewer requests (no coordinated omission).
/// Service time (from the actual send) is reported alongside to separate the generator's own lag.
/// </summary>
public sealed class OpenLoopRun(HttpClient client, IReadOnlyList<MixEntry> mix, int rate)
{
    private readonly Dictionary<string, bool> _expected = [];

    public sealed record Result(int Sent, int Errors, int ChangedAnswers, int MaxInFlight, List<double> LatencyMs, List<double> ServiceMs, Dictionary<CallKind, List<double>> ByKind, double SendLagP99Ms, string? FirstError);

    /// <summary>Each fixture once, sequentially: what the policy answers (allow or deny) is what every later send must get.</summary>
    public async Task LearnAnswersAsync()
    {
        foreach (var entry in mix.DistinctBy(e => e.Name))
        {
            var (ok, allow, text) = await SendAsync(entry);
            if (!ok) throw new InvalidOperationException($"{entry.Name}: {text}");
            _expected[entry.Name] = allow;
            Console.WriteLine($"  {entry.Name,-34} {(allow ? "allow" : "deny ")} {(allow ? "" : Shorten(text))}");
        }
    }

    public async Task<Result> RunAsync(TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latency = new double[total];
        var service = new double[total];
        var lag = new double[total];
        var failed = new bool[total];
        var changed = 0;
        var errors = 0;
        var inFlight = 0;
        var maxInFlight = 0;
        string? firstError = null;
        var pending = new Task[total];
        var interval = (double)Stopwatch.Frequency / rate;

        var scheduler = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * interval);
                PreciseSleep.Until(due);
                var index = i;
                var entry = mix[i % mix.Count];
                var sent = Stopwatch.GetTimestamp();
                lag[index] = Ms(sent - due);
                // Called directly, not queued: the send happens now, the answer is awaited off this thread.
                pending[index] = SendAndRecordAsync(entry, index, due, sent);
            }
        })
        { IsBackground = true, Name = "open-loop scheduler" };
        async Task SendAndRecordAsync(MixEntry entry, int index, long due, long sent)
        {
            var now = Interlocked.Increment(ref inFlight);
            for (var seen = Volatile.Read(ref maxInFlight); now > seen; seen = Volatile.Read(ref maxInFlight))
                if (Interlocked.CompareExchange(ref maxInFlight, now, seen) == seen) break;
            var (ok, allow, text) = await SendAsync(entry).ConfigureAwait(false);
            Interlocked.Decrement(ref inFlight);
            var done = Stopwatch.GetTimestamp();
            latency[index] = Ms(done - due);
            service[index] = Ms(done - sent);
            if (!ok)
            {
                failed[index] = true;
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, $"{entry.Name}: {text}", null);
            }
            else if (_expected.TryGetValue(entry.Name, out var want) && want != allow)
            {
                Interlocked.Increment(ref changed);
                Interlocked.CompareExchange(ref firstError, $"{entry.Name}: answer changed to {text}", null);
            }
        }

        scheduler.Start();
        scheduler.Join();
        await Task.WhenAll(pending);

        var byKind = Enum.GetValues<CallKind>().ToDictionary(k => k, _ => new List<double>());
        var ok = new List<double>(total);
        var okService = new List<double>(total);
        for (var i = 0; i < total; i++)
        {
            if (failed[i]) continue;
            ok.Add(latency[i]);
            okService.Add(service[i]);
            byKind[mix[i % mix.Count].Kind].Add(latency[i]);
        }
        Array.Sort(lag);
        return new Result(total, errors, changed, maxInFlight, ok, okService, byKind, Percentiles.Of(lag, 0.99), firstError);
    }

    private async Task<(bool Ok, bool Allow, string Text)> SendAsync(MixEntry entry)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, entry.Path) { Content = new ByteArrayContent(entry.Body) };
            request.Headers.TryAddWithoutValidation("Accept", "application/vnd.docker.plugins.v1.2+json");
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if ((int)response.StatusCode != 200) return (false, false, $"HTTP {(int)response.StatusCode} {text}");
            if (text.StartsWith("{\"Allow\":true", StringComparison.Ordinal)) return (true, true, text);
            if (text.StartsWith("{\"Allow\":false", StringComparison.Ordinal)) return (true, false, text);
            return (false, false, "unexpected answer " + text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, false, e.GetType().Name + ": " + e.Message);
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static string Shorten(string text) => text.Length <= 90 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..90]}…");
}
