namespace DockerGuard.OciHook.Spec;

/// <summary>
/// The runtime state a hook reads on stdin (runtime-spec runtime.md "State"). At createRuntime the
/// status is "creating", <see cref="Pid"/> is the container init's host pid and <see cref="Bundle"/>
/// the absolute host path of the bundle whose config.json holds everything else.
/// </summary>
public sealed record OciState
{
    public string? OciVersion { get; init; }
    public string? Id { get; init; }
    public string? Status { get; init; }
    public int? Pid { get; init; }
    public string? Bundle { get; init; }
    /// <summary>User annotations (podman --annotation); tenant-controlled, so never a basis for a decision.</summary>
    public Dictionary<string, string>? Annotations { get; init; }
}
