using System.Net.Sockets;
using System.Text;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

/// <summary>Raw Engine API calls over the daemon's unix socket: HttpClient, and a byte-exact writer for shapes HttpClient will not send.</summary>
public sealed class DaemonHttp(string socketPath) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(s, ownsSocket: true);
        },
        AllowAutoRedirect = false,
    })
    { BaseAddress = new Uri("http://docker"), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string uri, string? json = null, string contentType = "application/json", bool chunked = false)
    {
        using var request = new HttpRequestMessage(method, new Uri("http://docker" + uri));
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            HttpContent content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content = content;
        }
        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Exactly these bytes as the request head (absolute-form targets, repeated headers), then the body.</summary>
    public async Task<(int Status, string Body)> RawAsync(string head, string body = "")
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await s.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(s);
        var bytes = Encoding.UTF8.GetBytes(body);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head}Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(bytes);
        var response = await new StreamReader(stream).ReadToEndAsync();
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    public void Dispose() => _client.Dispose();
}
