using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Pipeline;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.Policy.Evaluation;
using DockerGuard.TestSupport.Docker;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class DockerDaemonCollection : ICollectionFixture<DockerDaemon>
{
    public const string Name = "real dockerd";
}

/// <summary>
/// A throwaway dockerd (tests/TestSupport.Docker) guarded by DockerGuard: <c>--authorization-plugin=&lt;unique name&gt;</c>
/// whose socket DockerGuard listens on BEFORE the daemon starts (dockerd refuses to start without its
/// plugin), with the real audit trail in the daemon's temp dir. Everything is torn down in DisposeAsync.
/// </summary>
public sealed class DockerDaemon : IAsyncLifetime
{
    private readonly ThrowawayDockerd _daemon = new("dgd-");

    public string PluginName { get; } = $"dgtest-{Guid.NewGuid():N}"[..15];
    public string PluginSocket => $"/run/docker/plugins/{PluginName}.sock";
    public string DockerSocket => _daemon.Socket;
    /// <summary>The real audit trail (SQLite in the temp dir), as <c>dockerguard serve</c> runs it.</summary>
    public DecisionAudit Audit { get; private set; } = null!;
    public PolicyStore Policy { get; } = new(CompiledPolicy.CatalogDefaults());
    public PluginServer? Plugin { get; private set; }

    public async Task InitializeAsync()
    {
        // xunit does not dispose a fixture whose initialisation failed: clean up here.
        try
        {
            Audit = await DecisionAudit.StartAsync(new AuditOptions
            {
                Store = "sqlite:" + Path.Combine(_daemon.Root, "audit.db"),
                SpillPath = Path.Combine(_daemon.Root, "audit-spill.jsonl"),
                SqliteFullSync = false,
            });
            await StartPluginAsync();
            await _daemon.StartAsync(new DockerdOptions { AuthorizationPlugin = PluginName });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task StartPluginAsync() =>
        Plugin = await PluginServer.StartAsync(Policy, Audit, new PluginOptions { SocketPath = PluginSocket });

    public async Task StopPluginAsync()
    {
        if (Plugin is not null) await Plugin.DisposeAsync();
        Plugin = null;
    }

    /// <summary>Runs the docker CLI against this daemon.</summary>
    public Task<DockerCliResult> DockerAsync(params string[] args) => _daemon.DockerAsync(args);

    public async Task DisposeAsync()
    {
        // The plugin stays up until the daemon is gone: dockerd asks it before removing containers.
        await _daemon.StopAsync();
        await StopPluginAsync();
        if (Audit is not null) await Audit.DisposeAsync();
        await _daemon.DisposeAsync();
    }
}
