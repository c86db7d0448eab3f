using System.Diagnostics;
using System.Net;

namespace DockerGuard.Admission.Load;

/// <summary>What one fixed-rate run measured, in milliseconds.</summary>
public sealed record RunResult(double[] FromSchedule, double[] Service, double[] Lateness, int Failures, double AchievedRate);

/// <summary>
/// Open loop: request i is due at start + i/rate whatever happened to earlier ones, and its latency
/// is measured from that due time (so a stalled server is charged for the requests it delayed,
/// not hidden by a sender that waited). Service time (from the actual send) and the sender's own
/// lateness are reported too, so a busy client can be told apart from a slow server.
/// </summary>
public static class OpenLoopRun
{
    public static async Task<RunResult> RunAsync(HttpClient client, Version version, IReadOnlyList<(string Name, byte[] Body)> corpus, int rate, int seconds)
    {
        var total = rate * seconds;
        var fromSchedule = new double[total];
        var service = new double[total];
        var lateness = new double[total];
        var failures = 0;
        var pending = new Task[total];
        var start = Stopwatch.GetTimestamp();
        var tick = Stopwatch.Frequency / (double)rate;
        var oneMs = Stopwatch.Frequency / 1000;

        // A dedicated thread paces the sends: it sleeps while the next send is over a millisecond
        // away and yields (rather than spins) closer in, to leave the cores to the server. Its end
        // is awaited, not joined: a pool thread blocked on Join would starve the client's own
        // response handling on a 2-core machine and show up as server stalls.
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * tick);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due)
                {
                    if (due - now > oneMs) Thread.Sleep(1);
                    else Thread.Yield();
                }
                lateness[i] = (now - due) * 1000.0 / Stopwatch.Frequency;
                pending[i] = SendOne(i, due, now);
            }
            paced.SetResult();
        })
        { IsBackground = true, Name = "pacer" };
        pacer.Start();
        await paced.Task;
        await Task.WhenAll(pending);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new RunResult(fromSchedule, service, lateness, failures, total / elapsed);

        async Task SendOne(int i, long due, long sent)
        {
            var (name, body) = corpus[i % corpus.Count];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/validate?timeout=10s")
                {
                    Version = version,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
                };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var done = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"{name}: HTTP {(int)response.StatusCode}");
                fromSchedule[i] = (done - due) * 1000.0 / Stopwatch.Frequency;
                service[i] = (done - sent) * 1000.0 / Stopwatch.Frequency;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (Interlocked.Increment(ref failures) <= 5) Console.Error.WriteLine($"  request {i} ({name}) failed: {e.Message}");
                fromSchedule[i] = service[i] = double.PositiveInfinity;
            }
        }
    }
}
