using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// <c>POST /volumes/create</c>: <c>{"Driver":"local","DriverOpts":{"type":"none","o":"bind","device":"/etc"}}</c>
/// is a host bind by another name (reference §10). It becomes a Bind mount of a volume resource, so
/// the host-mount rules judge it where it is created, not only where it is later used.
/// </summary>
public static class VolumeCreateTranslator
{
    public static TranslatedRequest Translate(EngineRequest request)
    {
        var body = request.Root;
        var name = body.String("Name") ?? "";
        var source = MountsReader.LocalDriverBindSource(body.String("Driver"), body.StringMap("DriverOpts"));
        var mounts = source is { } s
            ? [new Mount { Kind = MountKind.Bind, Source = s.Source, Target = "", Path = s.Path }]
            : System.Collections.Immutable.ImmutableArray<Mount>.Empty;
        return new TranslatedRequest(new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = Operation.Create,
            Subject = request.Subject,
            Resource = new ResourceRef { Kind = "Volume", Name = name.Length > 0 ? name : null, Labels = ContainerCreateTranslator.Labels(body, "Labels") },
            Containers = [new Container { Name = name.Length > 0 ? name : "(volume)", Mounts = mounts }],
        });
    }
}
