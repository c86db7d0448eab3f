using System.Buffers;
using System.Text.Json;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Protocol;
using Microsoft.AspNetCore.Http;

namespace DockerGuard.AuthzPlugin.Hosting;

/// <summary>
/// The three calls dockerd makes (reference §1): <c>POST /Plugin.Activate</c>,
/// <c>/AuthZPlugin.AuthZReq</c>, <c>/AuthZPlugin.AuthZRes</c>. No Content-Type, an Accept header and
/// an empty Host: none of them is checked. Message size is bounded before anything is read.
/// </summary>
public sealed class PluginEndpoints(AuthzDecider decider, PluginOptions options)
{
    private static readonly byte[] Activation = """{"Implements":["authz"]}"""u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (context.Request.Method != "POST" || path is not ("/Plugin.Activate" or "/AuthZPlugin.AuthZReq" or "/AuthZPlugin.AuthZRes"))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (path == "/Plugin.Activate")
        {
            context.Response.ContentType = "application/vnd.docker.plugins.v1+json";
            await context.Response.Body.WriteAsync(Activation, context.RequestAborted);
            return;
        }

        var isRequest = path == "/AuthZPlugin.AuthZReq";
        AuthzAnswer answer;
        var buffer = await ReadBoundedAsync(context.Request, options.MaxMessageBytes, context.RequestAborted);
        if (buffer is null)
            answer = isRequest ? decider.Unreadable($"AuthZ message over the {options.MaxMessageBytes / (1024 * 1024)} MiB limit") : AuthzAnswer.Ok(AuthzReply.Allowed);
        else
        {
            try
            {
                AuthzMessage message;
                try { message = AuthzMessageReader.Read(buffer.WrittenSpan); }
                finally { buffer.Clear(); }
                answer = isRequest ? await decider.DecideAsync(message, context.RequestAborted) : await decider.CompleteAsync(message, context.RequestAborted);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                answer = isRequest ? decider.Unreadable("AuthZ message is not valid JSON") : AuthzAnswer.Ok(AuthzReply.Allowed);
            }
        }

        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = "application/vnd.docker.plugins.v1+json";
        var output = new ArrayBufferWriter<byte>(256);
        answer.Reply.WriteTo(output);
        await context.Response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted);
    }

    /// <summary>The whole message, or null when it is (or announces itself) larger than the limit.</summary>
    private static async Task<ArrayBufferWriter<byte>?> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(8192);
                var read = await request.Body.ReadAsync(memory, cancellationToken);
                if (read == 0) return buffer;
                buffer.Advance(read);
                if (buffer.WrittenCount > limit) return null;
            }
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's own body limit (set just above ours) fired first: same answer.
            return null;
        }
    }
}
