using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.AuthzPlugin.Tests.Support;
using DockerGuard.Policy.Evaluation;
using Xunit.Abstractions;

namespace DockerGuard.AuthzPlugin.Tests.Protocol;

/// <summary>
/// Allocation is measured process-wide (GC.GetTotalAllocatedBytes), so these tests run alone, after
/// the parallel ones: another test allocating at the same time would only make the bound looser.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuredCollection
{
    public const string Name = "allocation measured";
}

/// <summary>
/// Real AuthZReq envelopes with very large RequestBody values, sent over the unix socket to a real
/// PluginServer the way dockerd sends them. dockerd (≥ 29.3.1) forwards bodies up to 4 MiB, so the
/// plugin's limit is 6 MiB of message (<see cref="PluginOptions.MaxMessageBytes"/>): a 4 MiB body is
/// decided, a 10 MB body is refused, and neither costs a large multiple of its size in memory.
/// The bounds are loose on purpose (a multiple of 16 or 64 MB), never timings.
/// </summary>
[Collection(AllocationMeasuredCollection.Name)]
public sealed class LargeMessageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private TempSocketPlugin? _plugin;
    private string Socket => _plugin!.Socket;

    public async Task InitializeAsync() => _plugin = await TempSocketPlugin.StartAsync("dg-big-");

    public async Task DisposeAsync()
    {
        if (_plugin is not null) await _plugin.DisposeAsync();
    }

    [Fact]
    public async Task A_4_MiB_create_body_is_decided_on_its_content_in_bounded_memory()
    {
        var message = PrivilegedCreateWithEnv(4 * MiB - 64 * 1024);
        message.Length.Should().BeLessThan(6 * (int)MiB, "it must fit the limit to be decided");
        await Post(message, chunked: false); // warm the path: the first request JIT-compiles it

        var (body, allocated) = await MeasuredPost(message, chunked: false);

        body.Should().StartWith("""{"Allow":false,"Msg":"privileged (CIS 5.4): privileged container at HostConfig.Privileged; """);
        allocated.Should().BeLessThan(64 * MiB, "a 4 MiB body (5.4 MiB of message) must be decided without copying it many times over");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_10_MB_request_body_is_denied_with_the_limit_in_bounded_memory(bool chunked)
    {
        var message = PrivilegedCreateWithEnv(10_000_000);
        message.Length.Should().BeGreaterThan(6 * (int)MiB);

        var (body, allocated) = await MeasuredPost(message, chunked);

        body.Should().StartWith("""{"Allow":false,"Msg":""").And.Contain("AuthZ message over the 6 MiB limit")
            .And.Contain("keep request bodies under the daemon"); // ' is \u0027 in the JSON
        // Announced by Content-Length: refused without being read. Chunked: read up to the limit, then refused.
        allocated.Should().BeLessThan(chunked ? 32 * MiB : 4 * MiB, "the server must stop at its limit, not buffer a 13 MB message");
    }

    /// <summary>The create-privileged fixture with its null Env replaced by ~size bytes of 1 KiB variables, as an AuthZReq envelope.</summary>
    private static byte[] PrivilegedCreateWithEnv(long size)
    {
        using var fixture = JsonDocument.Parse(Fixtures.Bytes("create-privileged.authzreq"));
        var root = fixture.RootElement;
        var create = Encoding.UTF8.GetString(root.GetProperty("RequestBody").GetBytesFromBase64());
        var env = new StringBuilder((int)size + 2048).Append('[');
        var value = new string('x', 1000);
        for (var i = 0; env.Length < size; i++) env.Append(i == 0 ? "" : ",").Append("\"PAD").Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append('=').Append(value).Append('"');
        env.Append(']');
        create.Should().Contain("\"Env\":null");
        var body = Encoding.UTF8.GetBytes(create.Replace("\"Env\":null", "\"Env\":" + env, StringComparison.Ordinal));

        using var output = new MemoryStream();
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartObject();
            w.WriteString("RequestMethod", root.GetProperty("RequestMethod").GetString());
            w.WriteString("RequestUri", root.GetProperty("RequestUri").GetString());
            w.WriteBase64String("RequestBody", body);
            w.WriteStartObject("RequestHeaders");
            w.WriteString("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture));
            w.WriteString("Content-Type", "application/json");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return output.ToArray();
    }

    private async Task<(string Body, long Allocated)> MeasuredPost(byte[] message, bool chunked)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var body = await Post(message, chunked);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"{message.Length} bytes of message{(chunked ? " (chunked)" : "")}: {allocated / 1024} KiB allocated in this process");
        return (body, allocated);
    }

    /// <summary>POST /AuthZPlugin.AuthZReq as dockerd does, from a prepared buffer (the client allocates next to nothing).</summary>
    private async Task<string> Post(byte[] message, bool chunked)
    {
        using var s = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await s.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
        using var stream = new NetworkStream(s);
        var head = "POST /AuthZPlugin.AuthZReq HTTP/1.1\r\nHost: \r\nUser-Agent: Go-http-client/1.1\r\nAccept: application/vnd.docker.plugins.v1.2+json\r\n"
            + (chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {message.Length}\r\n") + "Connection: close\r\n\r\n";
        var reading = ReadUntilClosed(stream);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            if (!chunked) await stream.WriteAsync(message);
            else
            {
                const int Chunk = 64 * 1024;
                var crlf = "\r\n"u8.ToArray();
                var size = Encoding.ASCII.GetBytes($"{Chunk:x}\r\n");
                for (var sent = 0; sent < message.Length; sent += Chunk)
                {
                    var n = Math.Min(Chunk, message.Length - sent);
                    await stream.WriteAsync(n == Chunk ? size : Encoding.ASCII.GetBytes($"{n:x}\r\n"));
                    await stream.WriteAsync(message.AsMemory(sent, n));
                    await stream.WriteAsync(crlf);
                }
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
        }
        catch (IOException) { } // the server may answer and close before the whole message is sent
        var response = await reading;
        response.Should().StartWith("HTTP/1.1 200");
        var content = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (response.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            content = string.Join("", content.Split("\r\n").Where((_, i) => i % 2 == 1));
        return content;
    }

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
}
