using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DockerGuard.Observability;

/// <summary>
/// A plain-HTTP listener that serves only GET /metrics, for servers whose own socket is not HTTP
/// a scraper can reach (the Docker plugin listens on a unix socket). Off unless asked for
/// (<c>--metrics-address</c>); bind it to loopback unless the network is trusted: it has no auth.
/// </summary>
public sealed class MetricsListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsListener(WebApplication app) => _app = app;

    /// <summary>The http:// address actually bound (resolves port 0).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<MetricsListener> StartAsync(IPEndPoint endpoint, DockerGuardTelemetry telemetry, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(endpoint);
        });
        var app = builder.Build();
        app.MapDockerGuardMetrics(telemetry);
        await app.StartAsync(cancellationToken);
        return new MetricsListener(app);
    }

    /// <summary>Parses <c>--metrics-address</c>: <c>127.0.0.1:9464</c>, <c>[::1]:9464</c>, or a bare port (loopback).</summary>
    public static bool TryParseAddress(string text, out IPEndPoint endpoint)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            endpoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }
        // IPEndPoint.TryParse accepts a bare address as port 0: demand an explicit port (":0" picks a free one, for tests).
        return IPEndPoint.TryParse(text, out endpoint!) && (endpoint.Port != 0 || text.EndsWith(":0", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
