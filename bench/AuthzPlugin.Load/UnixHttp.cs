using System.Net.Sockets;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>An HttpClient whose connections go to a unix socket, kept alive and pooled as dockerd's Go client does.</summary>
public static class UnixHttp
{
    public static HttpClient Client(string socketPath, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(s, ownsSocket: true);
            }
            catch
            {
                s.Dispose();
                throw;
            }
        },
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    { BaseAddress = new Uri("http://localhost"), Timeout = timeout };
}
