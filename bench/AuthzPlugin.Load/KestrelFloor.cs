using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Hosting;
using DockerGuard.AuthzPlugin.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// Kestrel exactly as the plugin is served (<see cref="PluginKestrel"/>, inline socket completions) with a
/// request delegate that only reads the body and answers allow: no JSON, no decision, no audit. Its
/// latency and CPU per message under the same load are the floor DockerGuard's server stands on, apart
/// from what DockerGuard adds. Run as a child with --kestrel-empty --socket PATH; stops when its stdin closes.
/// </summary>
public static class KestrelFloor
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var path = options.Socket ?? throw new ArgumentException("--kestrel-empty needs --socket PATH");
        InlineSocketCompletions.Enable(); // as dockerguard serve does
        using var socket = PluginSocket.Open(path);
        await using var app = PluginKestrel.Build(socket, new PluginOptions { SocketPath = path });
        app.Run(AllowAsync);
        await app.StartAsync();
        Console.Out.WriteLine($"ready {Environment.ProcessId} Kestrel with an empty handler");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static async Task AllowAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
        }
        var body = AuthzReply.AllowedJson;
        context.Response.ContentType = "application/vnd.docker.plugins.v1+json";
        context.Response.ContentLength = body.Length;
        var writer = context.Response.BodyWriter;
        body.CopyTo(writer.GetSpan(body.Length));
        writer.Advance(body.Length);
    }
}
