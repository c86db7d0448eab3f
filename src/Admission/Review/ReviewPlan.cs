using DockerGuard.Policy.Model;

namespace DockerGuard.Admission.Review;

/// <summary>What the webhook does with one admission request.</summary>
public abstract record ReviewPlan
{
    /// <summary>Evaluate this request. <paramref name="FromTemplate"/> marks a controller's pod template.</summary>
    public sealed record Evaluate(WorkloadRequest Request, bool FromTemplate) : ReviewPlan;

    /// <summary>Allowed without evaluation, as PSA does (insignificant pod update, unhandled subresource).</summary>
    public sealed record Skip(string Reason) : ReviewPlan;

    /// <summary>The object could not be decoded as what the request says it is: deny, never fail open.</summary>
    public sealed record Reject(string Reason) : ReviewPlan;
}
