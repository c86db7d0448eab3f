using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Protocol;
using Microsoft.AspNetCore.Http;

namespace DockerGuard.AuthzPlugin.Hosting;

/// <summary>
/// The three calls dockerd makes (reference §1): <c>POST /Plugin.Activate</c>,
/// <c>/AuthZPlugin.AuthZReq</c>, <c>/AuthZPlugin.AuthZRes</c>. No Content-Type, an Accept header and
/// an empty Host: none of them is checked. Message size is bounded before anything is read.
/// This is the server's only request delegate (no routing, no middleware): it reads the message from
/// Kestrel's pipe without copying it when it arrived in one segment, and writes every answer with a
/// Content-Length in one piece, so dockerd's client reads a plain body instead of chunks.
/// </summary>
public sealed class PluginEndpoints(AuthzDecider decider, PluginOptions options)
{
    private const string ContentType = "application/vnd.docker.plugins.v1+json";
    /// <summary>Messages larger than this are decided on a pool thread, off the socket thread (<see cref="InlineSocketCompletions"/>).</summary>
    private const long InlineDecisionBytes = 64 * 1024;
    private static readonly byte[] Activation = """{"Implements":["authz"]}"""u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (!HttpMethods.IsPost(request.Method) || path is not ("/Plugin.Activate" or "/AuthZPlugin.AuthZReq" or "/AuthZPlugin.AuthZRes"))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (path == "/Plugin.Activate")
        {
            Write(context.Response, 200, Activation);
            return;
        }

        var isRequest = path == "/AuthZPlugin.AuthZReq";
        var answer = await AnswerAsync(context, isRequest);
        if (answer.Reply == AuthzReply.Allowed && answer.StatusCode == 200)
        {
            Write(context.Response, 200, AuthzReply.AllowedJson);
            return;
        }
        var output = new ArrayBufferWriter<byte>(256);
        answer.Reply.WriteTo(output);
        Write(context.Response, answer.StatusCode, output.WrittenSpan);
    }

    private async ValueTask<AuthzAnswer> AnswerAsync(HttpContext context, bool isRequest)
    {
        var reader = context.Request.BodyReader;
        var body = await ReadBoundedAsync(reader, context.Request.ContentLength, options.MaxMessageBytes, context.RequestAborted);
        if (body is not { } buffer)
            return isRequest ? decider.Unreadable($"AuthZ message over the {options.MaxMessageBytes / (1024 * 1024)} MiB limit") : AuthzAnswer.Ok(AuthzReply.Allowed);

        if (buffer.Length > InlineDecisionBytes) await Task.Yield(); // continues on the thread pool
        AuthzMessage message;
        try
        {
            message = AuthzMessageReader.Read(buffer);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return isRequest ? decider.Unreadable("AuthZ message is not valid JSON") : AuthzAnswer.Ok(AuthzReply.Allowed);
        }
        finally
        {
            reader.AdvanceTo(buffer.End);
        }
        return isRequest ? await decider.DecideAsync(message, context.RequestAborted) : await decider.CompleteAsync(message, context.RequestAborted);
    }

    /// <summary>
    /// The whole message, still owned by the pipe (the caller advances past it), or null when it is (or
    /// announces itself) larger than the limit. Kestrel buffers the body as it arrives; nothing is copied here.
    /// </summary>
    private static async ValueTask<ReadOnlySequence<byte>?> ReadBoundedAsync(PipeReader reader, long? contentLength, long limit, CancellationToken cancellationToken)
    {
        if (contentLength > limit) return null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    return null;
                }
                if (result.IsCompleted || result.IsCanceled) return buffer;
                reader.AdvanceTo(buffer.Start, buffer.End); // nothing consumed yet: wait for more
            }
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's own body limit (set just above ours) fired first: same answer.
            return null;
        }
    }

    /// <summary>Status, Content-Type, Content-Length and the body, handed to Kestrel in one write (it flushes once, at the end).</summary>
    private static void Write(HttpResponse response, int status, ReadOnlySpan<byte> body)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        var writer = response.BodyWriter;
        body.CopyTo(writer.GetSpan(body.Length));
        writer.Advance(body.Length);
    }
}
