using DockerGuard.AuthzPlugin.Routing;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>The translator of each endpoint DockerGuard reads; null for every other route (allowed without parsing).</summary>
public static class Translators
{
    public static TranslatedRequest? For(EngineRequest request) => request.Route.Kind switch
    {
        EngineRouteKind.ContainerCreate => ContainerCreateTranslator.Translate(request),
        EngineRouteKind.ExecCreate => ExecCreateTranslator.Translate(request),
        EngineRouteKind.ContainerUpdate => ContainerUpdateTranslator.Translate(request),
        EngineRouteKind.ContainerStart => ContainerStartTranslator.Translate(request),
        EngineRouteKind.ServiceCreate or EngineRouteKind.ServiceUpdate => ServiceTranslator.Translate(request),
        EngineRouteKind.VolumeCreate => VolumeCreateTranslator.Translate(request),
        EngineRouteKind.PluginPull or EngineRouteKind.PluginEnable or EngineRouteKind.PluginDisable or EngineRouteKind.PluginSet
            or EngineRouteKind.PluginUpgrade or EngineRouteKind.PluginRemove => PluginTranslator.Translate(request),
        _ => null,
    };
}
