using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.AuthzPlugin.Tests.Support;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.AuthzPlugin.Tests.Protocol;

/// <summary>The plugin server on a real unix socket, spoken to exactly as dockerd speaks (raw HTTP/1.1).</summary>
public sealed class PluginServerTests : IAsyncLifetime
{
    private TempSocketPlugin? _plugin;
    private string Socket => _plugin!.Socket;

    public async Task InitializeAsync() => _plugin = await TempSocketPlugin.StartAsync("dg-srv-");

    public async Task DisposeAsync()
    {
        if (_plugin is not null) await _plugin.DisposeAsync();
    }

    [Fact]
    public void Socket_is_0600_and_owned_by_the_server_user()
    {
        File.GetUnixFileMode(Socket).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var stat = RunStat(Socket);
        stat.Should().Be($"{Environment.GetEnvironmentVariable("SUDO_UID") ?? Uid()} 600");
    }

    [Fact]
    public async Task Activate_answers_authz_as_dockerd_asks_it()
    {
        var (status, body) = await RawPost("/Plugin.Activate", "");
        status.Should().Be(200);
        body.Should().Be("""{"Implements":["authz"]}""");
    }

    [Fact]
    public async Task AuthZReq_from_a_fixture_gets_a_Docker_answer()
    {
        var (status, body) = await RawPost("/AuthZPlugin.AuthZReq", Encoding.UTF8.GetString(Fixtures.Bytes("create-privileged.authzreq")));
        status.Should().Be(200);
        body.Should().StartWith("""{"Allow":false,"Msg":"privileged (CIS 5.4): privileged container at HostConfig.Privileged; """);
        (await RawPost("/AuthZPlugin.AuthZReq", Encoding.UTF8.GetString(Fixtures.Bytes("ping.authzreq")))).Body.Should().Be("""{"Allow":true}""");
    }

    [Theory]
    [InlineData("{\"RequestMethod\":\"POST\",\"RequestUri\":\"/v1.41/containers/create\",\"RequestBody\":\"eyJJbWFnZSI6", "truncated")]
    [InlineData("{\"RequestMethod\":\"POST\",\"RequestUri\":\"/v1.41/containers/create\",\"RequestBody\":\"not base64!\"}", "bad base64")]
    [InlineData("[\"RequestMethod\",\"POST\"]", "not an object")]
    [InlineData("", "empty")]
    public async Task A_malformed_AuthZReq_is_denied_with_the_reason_and_a_malformed_AuthZRes_allowed(string envelope, string what)
    {
        var (status, body) = await RawPost("/AuthZPlugin.AuthZReq", envelope);
        status.Should().Be(200, what);
        body.Should().StartWith("""{"Allow":false,"Msg":"request-integrity: AuthZ message is not valid JSON""", what);

        // AuthZRes cannot undo anything: its answer is always allow, readable or not.
        (await RawPost("/AuthZPlugin.AuthZRes", envelope)).Should().Be((200, """{"Allow":true}"""), what);
    }

    [Fact]
    public async Task Answers_have_a_Content_Length_and_a_kept_alive_connection_serves_the_next_message()
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await s.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
        using var stream = new NetworkStream(s);
        foreach (var (fixture, answer) in new[] { ("ping.authzreq", "{\"Allow\":true}"), ("create-privileged.authzreq", "{\"Allow\":false,\"Msg\":\"privileged"), ("list-containers.authzreq", "{\"Allow\":true}") })
        {
            var payload = Fixtures.Bytes(fixture);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /AuthZPlugin.AuthZReq HTTP/1.1\r\nHost: \r\nUser-Agent: Go-http-client/1.1\r\nAccept: application/vnd.docker.plugins.v1.2+json\r\nContent-Length: {payload.Length}\r\n\r\n"));
            await stream.WriteAsync(payload);

            var (head, body) = await ReadOneResponse(stream);
            head.Should().StartWith("HTTP/1.1 200").And.Contain("Content-Type: application/vnd.docker.plugins.v1+json")
                .And.NotContain("Transfer-Encoding", "the answer is written in one piece with its length");
            body.Should().StartWith(answer, fixture);
        }
    }

    /// <summary>One response on a kept-alive connection: the head, then exactly Content-Length bytes.</summary>
    private static async Task<(string Head, string Body)> ReadOneResponse(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("connection closed before the response head ended");
            head.Append((char)one[0]);
        }
        var lengthLine = head.ToString().Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body);
        return (head.ToString(), Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task A_10_MB_message_is_refused_in_bounded_memory()
    {
        var before = Rss();
        var (status, body) = await RawPost("/AuthZPlugin.AuthZReq", null, contentLength: 10_000_000);
        status.Should().Be(200);
        body.Should().Contain("\"Allow\":false").And.Contain("over the 6 MiB limit");
        // Chunked, so the size is only known by reading: the server stops at its limit.
        var (status2, body2) = await RawPost("/AuthZPlugin.AuthZReq", null, contentLength: null);
        status2.Should().Be(200);
        body2.Should().Contain("\"Allow\":false");
        (Rss() - before).Should().BeLessThan(40L * 1024 * 1024, "a 10 MB message must not be buffered whole");
    }

    /// <summary>
    /// dockerd's request shape: no Content-Type, Accept header, empty Host (20.10). With
    /// <paramref name="body"/> null a 10 MB filler body is streamed (with or without Content-Length).
    /// </summary>
    private async Task<(int Status, string Body)> RawPost(string path, string? body, long? contentLength = -1)
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await s.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
        using var stream = new NetworkStream(s);
        var payload = body is null ? null : Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: \r\nUser-Agent: Go-http-client/1.1\r\nAccept: application/vnd.docker.plugins.v1.2+json\r\n");
        if (payload is not null) head.Append($"Content-Length: {payload.Length}\r\n");
        else if (contentLength is { } cl) head.Append($"Content-Length: {cl}\r\n");
        else head.Append("Transfer-Encoding: chunked\r\n");
        head.Append("Connection: close\r\n\r\n");
        var reading = ReadUntilClosed(stream);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (payload is { Length: > 0 }) await stream.WriteAsync(payload);
        else
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'A');
            try
            {
                for (var sent = 0; sent < 10_000_000; sent += chunk.Length)
                {
                    if (contentLength is null) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
                    await stream.WriteAsync(chunk);
                    if (contentLength is null) await stream.WriteAsync("\r\n"u8.ToArray());
                }
            }
            catch (IOException) { } // the server may answer and close before the filler is sent
        }
        var response = await reading;
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var content = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (response.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            content = string.Join("", content.Split("\r\n").Where((_, i) => i % 2 == 1));
        return (status, content);
    }

    /// <summary>Everything the server sent before closing; a reset after its answer (unread filler) is expected.</summary>
    private static async Task<string> ReadUntilClosed(NetworkStream stream)
    {
        await Task.Yield();
        var all = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0) all.Write(buffer, 0, n);
        }
        catch (IOException) { }
        return Encoding.UTF8.GetString(all.ToArray());
    }

    private static long Rss()
    {
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static string Uid() => RunProcess("id", "-u");

    private static string RunStat(string path) => RunProcess("stat", "-c", "%u %a", path);

    private static string RunProcess(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return output;
    }
}
