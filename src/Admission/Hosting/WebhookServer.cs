using System.Buffers;
using System.Security.Authentication;
using DockerGuard.Admission.Review;
using DockerGuard.Audit;
using DockerGuard.Policy.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace DockerGuard.Admission.Hosting;

/// <summary>
/// The admission webhook over HTTPS (TLS 1.2 and 1.3 only): <c>POST /validate</c>, <c>/healthz</c>
/// and <c>/readyz</c>. Kestrel with a minimal pipeline; the request path is read body, handle,
/// write answer.
/// </summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookServer(WebApplication app, ServingCertificate certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public ServingCertificate Certificate { get; }

    /// <summary>The https:// address actually bound (resolves port 0).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<WebhookServer> StartAsync(WebhookOptions options, PolicyStore policy, IDecisionAudit audit, CancellationToken cancellationToken = default)
    {
        var certificate = new ServingCertificate(options.CertFile, options.KeyFile);
        var handler = new ReviewHandler(policy, audit, options.ControllerMode);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Listen(options.Address, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    https.ServerCertificateSelector = (_, _) => certificate.Current;
                });
            });
        });

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => certificate.Current.NotAfter > DateTime.Now
            ? Results.Text("ready")
            : Results.Text("serving certificate expired", statusCode: 503));
        app.MapPost("/validate", (HttpContext context) => ValidateAsync(context, handler, options));
        options.MoreEndpoints?.Invoke(app);
        await app.StartAsync(cancellationToken);
        return new WebhookServer(app, certificate);
    }

    private static async Task ValidateAsync(HttpContext context, ReviewHandler handler, WebhookOptions options)
    {
        var budget = RequestDeadline.Budget(context.Request.Query["timeout"], options.DefaultTimeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(budget);

        var body = new ArrayBufferWriter<byte>(8192);
        try
        {
            await ReadBodyAsync(context.Request, body, options.MaxBodyBytes, deadline.Token);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Plain(context, 413, $"AdmissionReview larger than {options.MaxBodyBytes} bytes");
            return;
        }

        var handled = await handler.HandleAsync(body.WrittenMemory, deadline.Token);
        if (handled.Answer is not { } answer)
        {
            await Plain(context, handled.StatusCode, handled.Error ?? "bad request");
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var output = new ArrayBufferWriter<byte>(1024);
        AnswerWriter.Write(output, answer);
        context.Response.ContentLength = output.WrittenCount;
        await context.Response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted);
    }

    private static async Task ReadBodyAsync(HttpRequest request, ArrayBufferWriter<byte> body, long max, CancellationToken ct)
    {
        if (request.ContentLength > max)
            throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
        while (true)
        {
            var memory = body.GetMemory(8192);
            var n = await request.Body.ReadAsync(memory, ct);
            if (n == 0) return;
            body.Advance(n);
            if (body.WrittenCount > max) throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
        }
    }

    private static Task Plain(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(text + "\n");
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
