using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DockerGuard.Audit;
using DockerGuard.Audit.Telemetry;
using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.AuthzPlugin.Translation;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;
using Microsoft.Extensions.Logging;

namespace DockerGuard.AuthzPlugin.Decisions;

/// <summary>
/// AuthZReq → decision → audit record → answer; AuthZRes → record completed. Nothing here knows
/// HTTP: the endpoints hand over a decoded message and write back the answer.
/// </summary>
public sealed class AuthzDecider(PolicyStore policy, IDecisionAudit audit, PluginOptions options, ILogger logger)
{
    private const string BodyFix = "send the body as the docker CLI does (one JSON object, exact field names, application/json)";

    private readonly ContainerMemory _memory = new(options.RememberedContainers);
    private readonly PendingDecisions _pending = new();

    public ContainerMemory Memory => _memory;

    /// <summary>
    /// A plain allow of a read-only call that the audit trail would not record is answered here, with
    /// no audit entry, timer or token (most of dockerd's traffic is GET/HEAD); everything else goes
    /// through <see cref="RecordAndAnswerAsync"/>.
    /// </summary>
    public ValueTask<AuthzAnswer> DecideAsync(AuthzMessage message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Verdict verdict;
        try
        {
            verdict = Decide(message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "internal error deciding {Method}", message.RequestMethod);
            return ValueTask.FromResult(Failure($"internal error ({e.GetType().Name})"));
        }
        var readOnly = verdict.Decision.Outcome == DecisionOutcome.Allow && message.RequestMethod is "GET" or "HEAD";
        if (readOnly && !audit.WouldRecord(verdict.Decision, readOnlyCall: true))
        {
            // Still counted and traced when someone listens, as the audit trail would have done.
            if (DecisionTelemetry.Observed) DecisionTelemetry.StartDecision(Entry(message, verdict, started, readOnly), DateTimeOffset.UtcNow)?.Dispose();
            return ValueTask.FromResult(AuthzAnswer.Ok(AuthzReply.Allowed));
        }
        return RecordAndAnswerAsync(message, verdict, started, readOnly, cancellationToken);
    }

    private async ValueTask<AuthzAnswer> RecordAndAnswerAsync(AuthzMessage message, Verdict verdict, long started, bool readOnly, CancellationToken cancellationToken)
    {
        var decision = verdict.Decision;
        try
        {
            var entry = Entry(message, verdict, started, readOnly);
            string? id;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.AuditTimeout);
                id = await audit.RecordAsync(entry, timeout.Token);
            }
            if (!readOnly && decision.Allowed)
                _pending.Add(PendingDecisions.Fingerprint(message.RequestMethod, message.RequestUri, message.RequestBody), new PendingDecision(id, entry.Request.Operation == Operation.Create && entry.Request.Resource.Kind == "Container" ? EngineRouteKind.ContainerCreate : EngineRouteKind.Other, verdict.Remember));
            if (decision.Allowed) return AuthzAnswer.Ok(AuthzReply.Allowed);
            var msg = ViolationText.Summary([.. decision.Denials]);
            // Debug, not Information: no log line per request on the hot path; every denial is in the audit trail.
            logger.LogDebug("denied {Route}: {Message}", entry.Route, msg);
            return AuthzAnswer.Ok(new AuthzReply(false, msg));
        }
        catch (Exception e) when (e is AuditUnavailableException or OperationCanceledException)
        {
            logger.LogError(e, "audit record failed; refusing {Method}", message.RequestMethod);
            return Failure("the audit trail could not record the decision");
        }
        catch (Exception e)
        {
            logger.LogError(e, "internal error deciding {Method}", message.RequestMethod);
            return Failure($"internal error ({e.GetType().Name})");
        }
    }

    private static AuditEntry Entry(AuthzMessage message, Verdict verdict, long started, bool readOnly) =>
        new(verdict.Request ?? RouteOnly(SubjectOf(message), message.RequestMethod, verdict.Route), verdict.Decision, Stopwatch.GetElapsedTime(started))
        {
            ReadOnlyCall = readOnly,
            Route = $"{message.RequestMethod} {verdict.Route}",
        };

    /// <summary>AuthZRes cannot undo anything (reference §3): always allow, complete the record (see <see cref="CompleteRecordAsync"/>).</summary>
    public ValueTask<AuthzAnswer> CompleteAsync(AuthzMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var pending = _pending.Take(PendingDecisions.Fingerprint(message.RequestMethod, message.RequestUri, message.RequestBody));
            if (pending is null) return ValueTask.FromResult(AuthzAnswer.Ok(AuthzReply.Allowed));
            string? containerId = null;
            var succeeded = message.ResponseStatusCode is >= 200 and < 300;
            if (pending.Route == EngineRouteKind.ContainerCreate && succeeded && message.ResponseBody is { } body)
                containerId = CreatedId(body);
            if (pending.Remember is { } remember && succeeded)
            {
                if (remember.Name != "(unnamed)") _memory.Remember(remember.Name, remember);
                if (containerId is not null) _memory.Remember(containerId, remember);
            }
            if (pending.DecisionId is { } id)
                _ = CompleteRecordAsync(id, message.ResponseStatusCode, containerId, message.RequestMethod);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "could not complete the audit record of {Method}", message.RequestMethod);
        }
        return ValueTask.FromResult(AuthzAnswer.Ok(AuthzReply.Allowed));
    }

    /// <summary>
    /// The completion (status, created id) is queued, not awaited: the answer is always allow and the
    /// decision itself was durable before AuthZReq was answered, so waiting would only add a second
    /// fsync to every create. The group-commit writer is FIFO, so the completion is durable no later
    /// than the next recorded decision; a crash in between loses the status and id, never the decision.
    /// </summary>
    private async Task CompleteRecordAsync(string id, int? status, string? containerId, string method)
    {
        try
        {
            await audit.CompleteAsync(id, status, containerId, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "could not complete the audit record of {Method}", method);
        }
    }

    /// <summary>An answer for a message that could not be read at all (too large, not JSON).</summary>
    public AuthzAnswer Unreadable(string why) => AuthzAnswer.Ok(new AuthzReply(false, ViolationText.Line(RequestRejection.Violation(why, "keep request bodies under the daemon's 4 MiB limit"))));

    private AuthzAnswer Failure(string why)
    {
        var text = $"dockerguard could not decide: {why}; the request is refused (fail closed), see the dockerguard log";
        return options.FailureMode == FailureMode.Error ? new AuthzAnswer(500, new AuthzReply(false, Err: text)) : AuthzAnswer.Ok(new AuthzReply(false, text));
    }

    /// <summary>What was decided. A null <paramref name="Request"/> is a route-only request (method, path, subject), built only if it is recorded.</summary>
    private readonly record struct Verdict(WorkloadRequest? Request, Decision Decision, string Route, RememberedContainer? Remember);

    private Verdict Decide(AuthzMessage message)
    {
        var plan = policy.Current;
        RequestTarget target;
        try
        {
            if (message.RequestMethod.Length == 0 || message.RequestUri.Length == 0) throw new FormatException("AuthZReq without RequestMethod or RequestUri");
            target = RequestTarget.Parse(message.RequestUri);
        }
        catch (FormatException e)
        {
            return Rejected(message, "(unparsable)", plan, e.Message, "send a request URI the daemon can route");
        }

        var route = EngineRouter.Classify(message.RequestMethod, target.Path);
        if (route.Kind == EngineRouteKind.Ping) return new(null, plan.PlainAllow, target.Path, null);
        // mux redirects these (301) without running a handler, so the plugin should never be asked; if it is, refuse.
        if (!target.IsCanonical)
            return Rejected(message, target.Path, plan, $"path \"{GoJsonParser.Printable(target.Path)}\" is not canonical (the daemon would redirect it)", "use the canonical path");

        var contentLength = long.TryParse(message.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var cl) ? cl : (long?)null;
        if (message.RequestBody is null && contentLength > 0 && route.Kind != EngineRouteKind.BodyNeverForwarded)
            return Rejected(message, target.Path, plan, $"the request has a {contentLength}-byte body that dockerd did not forward (not application/json, or over its size limit)", BodyFix);
        if (message.RequestBody is null && route.CarriesBody)
            return Rejected(message, target.Path, plan, "this endpoint needs a JSON body and dockerd forwarded none (chunked, over 1 MiB on old daemons, or not application/json)", BodyFix);

        Violation? legacyStart = null;
        if (route.Kind == EngineRouteKind.ContainerStart)
        {
            var bodyLength = message.RequestBody?.Length ?? 0;
            if (contentLength is null && bodyLength == 0 && message.RequestMethod == "POST")
                return Rejected(message, target.Path, plan, "container start without Content-Length (a chunked body daemons up to v24 may apply as HostConfig)", "send start without a body");
            if (bodyLength > 7 || contentLength > 7)
                legacyStart = RequestRejection.Violation("container start with a HostConfig body (daemons up to v24 apply it)", "set HostConfig at create time and start without a body");
        }

        JsonNode? body = null;
        try
        {
            if (message.RequestBody is { Length: > 0 } bytes) body = GoJsonParser.Parse(bytes);
            var engine = new EngineRequest(message.RequestMethod, target, route, body, SubjectOf(message), options.Daemon, _memory);
            // A start is judged only in its legacy form (a HostConfig body); a plain start has nothing to judge.
            var translation = route.Kind == EngineRouteKind.ContainerStart && legacyStart is null ? null : Translators.For(engine);
            if (translation is null)
                return new(null, legacyStart is null ? plan.PlainAllow : RequestRejection.Prepend(plan.PlainAllow, legacyStart), target.Path, null);
            var decision = PolicyEngine.Evaluate(plan, translation.Request);
            if (legacyStart is not null) decision = RequestRejection.Prepend(decision, legacyStart);
            return new(translation.Request, decision, target.Path, translation.Remember);
        }
        catch (BodyRejectedException e)
        {
            return Rejected(message, target.Path, plan, e.Message, BodyFix);
        }
    }

    /// <summary>Recorded as a route-only request with the real method, as an unrejected one is (a refused DELETE is a delete).</summary>
    private static Verdict Rejected(AuthzMessage message, string path, CompiledPolicy plan, string detail, string fix) =>
        new(RouteOnly(SubjectOf(message), message.RequestMethod, path), RequestRejection.Decision(plan.Version, detail, fix), path, null);

    private static Subject SubjectOf(AuthzMessage message) =>
        message.User is null ? Subject.Anonymous : new Subject { User = message.User, AuthMethod = message.UserAuthNMethod };

    private static WorkloadRequest RouteOnly(Subject subject, string method, string path) => new()
    {
        Surface = Surface.Docker,
        Operation = method switch { "DELETE" => Operation.Delete, _ => Operation.Other },
        Subject = subject,
        Resource = new ResourceRef { Kind = "Route", Name = path },
    };

    private static string? CreatedId(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
