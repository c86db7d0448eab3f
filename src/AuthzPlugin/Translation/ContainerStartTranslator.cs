using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// <c>POST /containers/{name}/start</c> with a body: daemons up to v24 apply a HostConfig sent here
/// (API &lt; 1.24). The body is read as a HostConfig so its settings are judged like a create's; the
/// decider refuses such a start in any case (reference §9), and this says what it would have done.
/// </summary>
public static class ContainerStartTranslator
{
    public static TranslatedRequest Translate(EngineRequest request)
    {
        var target = request.Route.Name ?? "";
        var container = new Container { Name = target };
        var (sandbox, translated) = request.Body is null
            ? (Sandbox.Default, container)
            : HostConfigReader.Read(request.Root, container, request, "");
        return new TranslatedRequest(new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = Operation.Start,
            Subject = request.Subject,
            Resource = new ResourceRef { Kind = "Container", Name = target },
            Sandbox = sandbox,
            Containers = [translated],
        });
    }
}
