using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.Policy.Model;

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

    /// <summary>
    /// One AuthZReq as the plugin reads it: URI parsed and routed as dockerd's mux does, body read with Go
    /// semantics, then the endpoint's translator. For callers that want the translation without the
    /// decider's refusals (policy tests, benchmarks). Throws <see cref="FormatException"/> for a URI dockerd
    /// could not route and <see cref="BodyRejectedException"/> for a body the plugin refuses; null when the
    /// route is allowed without translation.
    /// </summary>
    public static TranslatedRequest? For(AuthzMessage message, DaemonDefaults daemon, ContainerMemory? memory = null, Subject? subject = null)
    {
        var target = RequestTarget.Parse(message.RequestUri);
        var route = EngineRouter.Classify(message.RequestMethod, target.Path);
        var body = message.RequestBody is { Length: > 0 } b ? GoJsonParser.Parse(b) : null;
        subject ??= message.User is null ? Subject.Anonymous : new Subject { User = message.User, AuthMethod = message.UserAuthNMethod };
        return For(new EngineRequest(message.RequestMethod, target, route, body, subject, daemon, memory ?? new ContainerMemory()));
    }
}
