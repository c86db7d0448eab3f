using System.Net.Sockets;
using System.Text;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// An authorization plugin that does no work: Plugin.Activate answers "authz", every AuthZReq and AuthZRes
/// "allow", nothing is parsed beyond the HTTP head. Blocking reads and writes, one thread per connection,
/// so a message is answered on the thread that read it. With it, dockerd's own cost of the plugin protocol
/// (envelopes, base64, its HTTP client, two round trips per call) is measured apart from DockerGuard's.
/// Run as a child with --null-plugin --socket PATH; prints "ready PID", stops when its stdin closes.
/// </summary>
public static class NullPlugin
{
    private static readonly byte[] Activation = Answer("""{"Implements":["authz"]}""");
    private static readonly byte[] Allow = Answer("""{"Allow":true}""");

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var path = options.Socket ?? throw new ArgumentException("--null-plugin needs --socket PATH");
        if (File.Exists(path)) File.Delete(path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(64);
        new Thread(() => Accept(listener)) { IsBackground = true, Name = "null-plugin accept" }.Start();
        Console.Out.WriteLine($"ready {Environment.ProcessId} null plugin");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        File.Delete(path);
        return 0;
    }

    private static void Accept(Socket listener)
    {
        while (true)
        {
            var connection = listener.Accept();
            new Thread(() => Serve(connection)) { IsBackground = true, Name = "null-plugin connection" }.Start();
        }
    }

    /// <summary>HTTP/1.1 keep-alive: head up to the blank line, Content-Length bytes of body skipped, answer written whole.</summary>
    private static void Serve(Socket connection)
    {
        using var _ = connection;
        var buffer = new byte[64 * 1024];
        int filled = 0;
        try
        {
            while (true)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    var n = connection.Receive(buffer.AsSpan(filled));
                    if (n == 0) return;
                    filled += n;
                }
                var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                var bodyLength = ContentLength(head);
                var messageEnd = headEnd + 4 + bodyLength;
                while (filled < messageEnd)
                {
                    if (buffer.Length < messageEnd) Array.Resize(ref buffer, Math.Max(messageEnd, buffer.Length * 2));
                    var n = connection.Receive(buffer.AsSpan(filled));
                    if (n == 0) return;
                    filled += n;
                }
                connection.Send(head.StartsWith("POST /Plugin.Activate ", StringComparison.Ordinal) ? Activation : Allow);
                buffer.AsSpan(messageEnd, filled - messageEnd).CopyTo(buffer);
                filled -= messageEnd;
            }
        }
        catch (SocketException)
        {
            // dockerd closed the connection mid-message: nothing to answer.
        }
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return int.Parse(line.AsSpan(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            // dockerd sends its JSON with a length; a chunked body would be misread, so refuse it loudly.
            if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)) throw new NotSupportedException("the null plugin reads Content-Length bodies only");
        }
        return 0;
    }

    private static byte[] Answer(string json) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.plugins.v1+json\r\nContent-Length: {json.Length}\r\n\r\n{json}");
}
