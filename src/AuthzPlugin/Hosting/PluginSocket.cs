using System.Net.Sockets;

namespace DockerGuard.AuthzPlugin.Hosting;

/// <summary>
/// The listening socket dockerd dials. Bound, then chmod 0600, then listened on: until listen()
/// no client can connect, so there is no moment in which a world-writable socket accepts anyone.
/// Under systemd socket activation (<c>LISTEN_FDS</c>, <c>LISTEN_PID</c>) the unit's socket is used
/// as passed (SocketMode=0600 in deploy/systemd/dockerguard.socket).
/// </summary>
public sealed class PluginSocket : IDisposable
{
    private const int FirstPassedFd = 3; // SD_LISTEN_FDS_START

    private PluginSocket(Socket socket, string? path, bool activated)
    {
        Socket = socket;
        Path = path;
        SocketActivated = activated;
    }

    public Socket Socket { get; }
    /// <summary>The socket file this process created (null when systemd owns it).</summary>
    public string? Path { get; }
    public bool SocketActivated { get; }

    public static PluginSocket Open(string path)
    {
        if (PassedBySystemd() is { } passed) return passed;

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(path); // a stale socket from a killed run
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(512);
            return new PluginSocket(socket, path, activated: false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static PluginSocket? PassedBySystemd()
    {
        if (Environment.GetEnvironmentVariable("LISTEN_FDS") is not { } fds || !int.TryParse(fds, out var count) || count < 1) return null;
        if (Environment.GetEnvironmentVariable("LISTEN_PID") is { } pid && pid != Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)) return null;
        var socket = new Socket(new SafeSocketHandle(FirstPassedFd, ownsHandle: true));
        return new PluginSocket(socket, null, activated: true);
    }

    public void Dispose()
    {
        Socket.Dispose();
        if (Path is not null)
        {
            try { File.Delete(Path); }
            catch (IOException) { }
        }
    }
}
