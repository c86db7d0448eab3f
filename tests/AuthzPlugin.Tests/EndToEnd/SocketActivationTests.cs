using System.Net.Sockets;
using System.Text;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.Cli.Commands;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

/// <summary>
/// <c>dockerguard serve</c> under socket activation, as deploy/systemd/dockerguard.socket runs it:
/// systemd-socket-activate (systemd's own tool) holds the socket, starts serve on the first
/// connection with LISTEN_FDS/LISTEN_PID, and serve answers on the passed descriptor.
/// </summary>
public sealed class SocketActivationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-sa-").FullName;

    [Fact]
    public void The_serve_default_socket_is_the_plugin_default() =>
        ServeCommand.DefaultSocket.Should().Be(PluginOptions.DefaultSocketPath);

    [Fact]
    public async Task Serve_answers_on_the_socket_systemd_passes()
    {
        if (!File.Exists("/usr/bin/systemd-socket-activate")) throw new InvalidOperationException("systemd-socket-activate (package systemd) is needed for this test");
        var socket = Path.Combine(_dir, "dockerguard.sock");
        await using var serve = ServeProcess.Launch(["/usr/bin/systemd-socket-activate", "-l", socket, "--"],
            ["serve", "--socket", Path.Combine(_dir, "unused.sock"), "--state-dir", Path.Combine(_dir, "state"), "--policy-dir", PolicyDir()]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(socket) && DateTime.UtcNow < deadline) await Task.Delay(50);

        // systemd-socket-activate binds (the file appears) before it listens: a connect in between is refused.
        string? reply = null;
        while (reply is null)
        {
            try { reply = await PostAsync(socket, "/Plugin.Activate"); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && DateTime.UtcNow < deadline) { await Task.Delay(50); }
        }
        reply.Should().StartWith("HTTP/1.1 200").And.Contain("""{"Implements":["authz"]}""");
        await serve.WaitForLineAsync("listening on");
        serve.Output.Should().Contain("the socket systemd passed (LISTEN_FDS)");
        File.Exists(Path.Combine(_dir, "unused.sock")).Should().BeFalse("--socket is not bound when systemd passes one");

        serve.Signal("TERM");
        (await serve.WaitForExitAsync()).Should().Be(0, serve.Output);
    }

    private string PolicyDir()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "policies")).FullName;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "DockerGuard.sln")))
            {
                File.Copy(Path.Combine(d.FullName, "policies", "cis-runtime.yaml"), Path.Combine(dir, "cis-runtime.yaml"));
                return dir;
            }
        throw new InvalidOperationException("DockerGuard.sln not found");
    }

    private static async Task<string> PostAsync(string socketPath, string path)
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await s.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(s);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: \r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return (await reader.ReadToEndAsync(timeout.Token)).Trim();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
