using System.Diagnostics;
using DockerGuard.Audit;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Admission.Review;

/// <summary>The result of handling one body: HTTP 200 with a review, or HTTP 400 with a reason when no uid could be read.</summary>
public sealed record HandledReview(int StatusCode, AdmissionAnswer? Answer, string? Error)
{
    public static HandledReview BadRequest(string error) => new(400, null, error);
    public static HandledReview Ok(AdmissionAnswer answer) => new(200, answer, null);
}

/// <summary>
/// One AdmissionReview in, one answer out, without HTTP: decode, plan, evaluate, record, compose.
/// Every decision is recorded (decision id = request uid) before it is answered; if the record
/// cannot be made durable in time the request is denied, never allowed unrecorded.
/// </summary>
public sealed class ReviewHandler(PolicyStore policy, IDecisionAudit audit, ControllerMode controllerMode = ControllerMode.Deny)
{
    public async Task<HandledReview> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken deadline)
    {
        var started = Stopwatch.GetTimestamp();
        using var decoded = ReviewDecoder.Decode(body);
        if (decoded.Request is not { } request)
        {
            return decoded.Uid is { } uid
                ? HandledReview.Ok(AdmissionAnswer.Deny(uid, $"{AnswerComposer.Prefix}malformed AdmissionReview: {decoded.Error}", AnswerComposer.Annotations("deny", null, decoded.Error)))
                : HandledReview.BadRequest(decoded.Error ?? "malformed AdmissionReview");
        }

        switch (ReviewTranslator.Plan(request))
        {
            case ReviewPlan.Skip skip:
                return HandledReview.Ok(new AdmissionAnswer { Uid = request.Uid, Allowed = true, AuditAnnotations = AnswerComposer.Annotations("skipped", null, skip.Reason) });

            case ReviewPlan.Reject reject:
                {
                    var message = $"{AnswerComposer.Prefix}{reject.Reason}";
                    var decision = new Decision { Outcome = DecisionOutcome.Deny, PolicyVersion = policy.Current.Version };
                    var unreadable = new WorkloadRequest { Surface = Surface.Kubernetes, Operation = Operation.Other, Subject = new Subject { User = request.UserName, Groups = request.Groups, AuthMethod = "kubernetes" }, Resource = new ResourceRef { Kind = request.Kind.Kind, Namespace = request.Namespace, Name = request.Name } };
                    await RecordAsync(request, unreadable, decision, started, deadline);
                    return HandledReview.Ok(AdmissionAnswer.Deny(request.Uid, message, AnswerComposer.Annotations("deny", decision, reject.Reason)));
                }

            case ReviewPlan.Evaluate evaluate:
                {
                    var decision = policy.Evaluate(evaluate.Request);
                    if (await RecordAsync(request, evaluate.Request, decision, started, deadline) is { } failure)
                        return HandledReview.Ok(AdmissionAnswer.Deny(request.Uid, $"{AnswerComposer.Prefix}{failure}", AnswerComposer.Annotations("deny", decision, failure)));
                    return HandledReview.Ok(AnswerComposer.Compose(request.Uid, decision, warnOnly: evaluate.FromTemplate && controllerMode == ControllerMode.Warn));
                }

            default:
                throw new UnreachableException();
        }
    }

    /// <summary>Null when recorded; otherwise why the decision could not be recorded (and so must be a denial).</summary>
    private async Task<string?> RecordAsync(AdmissionRequest review, WorkloadRequest request, Decision decision, long started, CancellationToken deadline)
    {
        var route = review.SubResource.Length == 0 ? $"{review.Resource.Resource} {review.Operation}" : $"{review.Resource.Resource}/{review.SubResource} {review.Operation}";
        var entry = new AuditEntry(request, decision, Stopwatch.GetElapsedTime(started)) { DecisionId = review.Uid, Route = route };
        try
        {
            await audit.RecordAsync(entry, deadline);
            return null;
        }
        catch (AuditUnavailableException e)
        {
            return $"audit trail unavailable, denied (fail closed): {e.Message}";
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return "audit record not durable before the apiserver's deadline, denied";
        }
    }
}
