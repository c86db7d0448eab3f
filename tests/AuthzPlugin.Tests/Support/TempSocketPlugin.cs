using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.AuthzPlugin.Tests.Support;

/// <summary>A real <see cref="PluginServer"/> with the catalogue defaults on a socket in its own temp directory, removed on dispose.</summary>
public sealed class TempSocketPlugin : IAsyncDisposable
{
    private readonly string _dir;
    private readonly PluginServer _server;

    private TempSocketPlugin(string dir, PluginServer server) => (_dir, _server) = (dir, server);

    public string Socket => Path.Combine(_dir, "p.sock");

    public static async Task<TempSocketPlugin> StartAsync(string prefix)
    {
        var dir = Directory.CreateTempSubdirectory(prefix).FullName;
        var server = await PluginServer.StartAsync(new PolicyStore(CompiledPolicy.CatalogDefaults()), new RecordingAudit(), new PluginOptions { SocketPath = Path.Combine(dir, "p.sock") });
        return new TempSocketPlugin(dir, server);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
