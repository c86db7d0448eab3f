using DockerGuard.Audit;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.Policy.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DockerGuard.AuthzPlugin.Hosting;

/// <summary>
/// Kestrel serving the plugin protocol on its unix socket. Usable without a host (tests, the CLI's
/// serve command): <see cref="StartAsync"/> returns once dockerd can connect.
/// </summary>
public sealed class PluginServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PluginSocket _socket;

    private PluginServer(WebApplication app, PluginSocket socket, AuthzDecider decider)
    {
        _app = app;
        _socket = socket;
        Decider = decider;
    }

    public AuthzDecider Decider { get; }
    public bool SocketActivated => _socket.SocketActivated;

    public static async Task<PluginServer> StartAsync(PolicyStore policy, IDecisionAudit audit, PluginOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var socket = PluginSocket.Open(options.SocketPath);
        try
        {
            var app = PluginKestrel.Build(socket, options, logging);
            var decider = new AuthzDecider(policy, audit, options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("dockerguard.authz"));
            var endpoints = new PluginEndpoints(decider, options);
            app.Run(endpoints.HandleAsync);
            await app.StartAsync(cancellationToken);
            return new PluginServer(app, socket, decider);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or the token fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _app.Lifetime.ApplicationStopping).Token)
            .ContinueWith(_ => { }, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stop.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _socket.Dispose();
        }
    }
}
