using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// Managed plugin changes (reference §4, §10): pull (<c>?remote=…&amp;name=…</c>, body = granted
/// privileges), enable, disable, set, upgrade and remove. Managed plugins run as root with what they
/// declare, and disabling an authz plugin takes it out of the daemon's chain until a restart.
/// </summary>
public static class PluginTranslator
{
    public static TranslatedRequest Translate(EngineRequest request)
    {
        var (action, name, path, remote) = request.Route.Kind switch
        {
            EngineRouteKind.PluginPull => request.Target.Query("name") is { Length: > 0 } alias
                ? ("pull", alias, "name", request.Target.Query("remote"))
                : ("pull", request.Target.Query("remote") ?? "", "remote", request.Target.Query("remote")),
            EngineRouteKind.PluginEnable => ("enable", request.Route.Name!, "path", null),
            EngineRouteKind.PluginDisable => ("disable", request.Route.Name!, "path", null),
            EngineRouteKind.PluginSet => ("set", request.Route.Name!, "path", null),
            EngineRouteKind.PluginUpgrade => ("upgrade", request.Route.Name!, "path", request.Target.Query("remote")),
            _ => ("remove", request.Route.Name!, "path", null),
        };
        // Bodies of pull/upgrade (privileges) and set ("KEY=VAL" strings) must at least decode as the daemon decodes them.
        if (request.Body is { Kind: not (JsonKind.Array or JsonKind.Null) } b)
            throw new BodyRejectedException($"plugin {action} body must be a JSON array, not {b.KindName}");

        return new TranslatedRequest(new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = Operation.PluginChange,
            Subject = request.Subject,
            Resource = new ResourceRef { Kind = "Plugin", Name = name },
            Plugin = new PluginRequest(name, action, path) { Remote = remote },
        });
    }
}
