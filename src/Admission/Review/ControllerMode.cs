namespace DockerGuard.Admission.Review;

/// <summary>
/// How a violation in a controller's pod template is answered. PSA only warns there
/// (kubernetes-admission.md §5), which lets a bad Deployment in and fails later in a ReplicaSet
/// event; DockerGuard denies by default so <c>kubectl apply</c> fails, and can be set to warn like PSA.
/// </summary>
public enum ControllerMode
{
    Deny,
    Warn,
}
