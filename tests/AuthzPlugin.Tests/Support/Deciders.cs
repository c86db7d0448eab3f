using System.Collections.Immutable;
using System.Text;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.Policy.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace DockerGuard.AuthzPlugin.Tests.Support;

/// <summary>A decider on the catalogue defaults with an in-process audit, and AuthZReq builders for raw cases.</summary>
public static class Deciders
{
    public static (AuthzDecider Decider, RecordingAudit Audit) Create(PluginOptions? options = null, CompiledPolicy? plan = null)
    {
        var audit = new RecordingAudit();
        var decider = new AuthzDecider(new PolicyStore(plan ?? CompiledPolicy.CatalogDefaults()), audit, options ?? new PluginOptions(), NullLogger.Instance);
        return (decider, audit);
    }

    /// <summary>An AuthZReq as dockerd would send it for this request (Content-Length set from the body).</summary>
    public static AuthzMessage Request(string method, string uri, string? body = null, Dictionary<string, string>? headers = null)
    {
        var h = headers ?? [];
        if (body is not null && !h.ContainsKey("Content-Length")) h["Content-Length"] = Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new AuthzMessage
        {
            RequestMethod = method,
            RequestUri = uri,
            RequestBody = body is null ? null : Encoding.UTF8.GetBytes(body),
            RequestHeaders = h.ToImmutableDictionary(),
        };
    }

    public static AuthzReply Decide(this AuthzDecider decider, AuthzMessage message) =>
        decider.DecideAsync(message, CancellationToken.None).AsTask().GetAwaiter().GetResult().Reply;
}
