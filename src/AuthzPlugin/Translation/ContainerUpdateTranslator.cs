using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// <c>POST /containers/{name}/update</c>: only Resources (at the top level) and RestartPolicy apply
/// (reference §10). Fields the update leaves out keep the container's values, as remembered from
/// its create; for a container DockerGuard did not see, only what the update sets is known.
/// </summary>
public static class ContainerUpdateTranslator
{
    public static TranslatedRequest Translate(EngineRequest request)
    {
        var body = request.Root;
        var target = request.Route.Name ?? "";
        var known = request.Memory.Find(target);
        var restart = body.Struct("RestartPolicy") is { } r && (r.String("Name") ?? "") is { Length: > 0 } name
            ? new RestartPolicy(name, (int)Math.Clamp(r.Int("MaximumRetryCount") ?? 0, int.MinValue, int.MaxValue), r.Path)
            : known?.RestartPolicy;
        var container = new Container
        {
            Name = known?.Name ?? target,
            Limits = LimitsReader.Merge(known?.Limits ?? Limits.None, body),
            RestartPolicy = restart,
        };
        var remember = known is null ? null : known with { Limits = container.Limits, RestartPolicy = restart };
        return new TranslatedRequest(new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = Operation.Update,
            Subject = request.Subject,
            Resource = new ResourceRef { Kind = "Container", Name = target },
            Containers = [container],
        }, remember);
    }
}
