using DockerGuard.AuthzPlugin.Decisions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DockerGuard.AuthzPlugin.Hosting;

/// <summary>
/// Kestrel as the plugin is served: HTTP/1.1 on the already-listening plugin socket, no server header,
/// the message size bound, no routing or middleware. The caller adds the one request delegate
/// (<see cref="PluginServer"/>; the load benchmark's empty handler, which measures this floor alone).
/// </summary>
public static class PluginKestrel
{
    public static WebApplication Build(PluginSocket socket, PluginOptions options, Action<ILoggingBuilder>? logging = null)
    {
        // Production pinned: an inherited ASPNETCORE_ENVIRONMENT=Development must not add the developer exception page.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        // The request delegate runs on the thread that read the request instead of being queued to another
        // one: a hop less per message. Safe here because the delegate never blocks (its only wait is awaited).
        builder.WebHost.UseSockets(t => t.UnsafePreferInlineScheduling = true);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxMessageBytes + 1;
            k.Limits.MinRequestBodyDataRate = null;
            k.ListenHandle((ulong)socket.Socket.Handle, l => l.Protocols = HttpProtocols.Http1);
        });
        return builder.Build();
    }
}
