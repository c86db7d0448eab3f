namespace DockerGuard.AuthzPlugin.Routing;

/// <summary>
/// Classifies a decoded path the way dockerd's gorilla/mux routes do: case-sensitive, with the
/// <c>{name:.*}</c> patterns moby uses for container and plugin names (a name may contain '/').
/// </summary>
public static class EngineRouter
{
    public static EngineRoute Classify(string method, string path)
    {
        if (path == "/_ping") return new(EngineRouteKind.Ping);
        if (method == "POST")
        {
            if (path == "/containers/create") return new(EngineRouteKind.ContainerCreate);
            if (Between(path, "/containers/", "/start") is { } started) return new(EngineRouteKind.ContainerStart, started);
            if (Between(path, "/containers/", "/update") is { } updated) return new(EngineRouteKind.ContainerUpdate, updated);
            if (Between(path, "/containers/", "/exec") is { } entered) return new(EngineRouteKind.ExecCreate, entered);
            if (path == "/services/create") return new(EngineRouteKind.ServiceCreate);
            if (Between(path, "/services/", "/update") is { } service) return new(EngineRouteKind.ServiceUpdate, service);
            if (path == "/volumes/create") return new(EngineRouteKind.VolumeCreate);
            if (path == "/plugins/pull") return new(EngineRouteKind.PluginPull);
            if (Between(path, "/plugins/", "/enable") is { } enable) return new(EngineRouteKind.PluginEnable, enable);
            if (Between(path, "/plugins/", "/disable") is { } disable) return new(EngineRouteKind.PluginDisable, disable);
            if (Between(path, "/plugins/", "/set") is { } set) return new(EngineRouteKind.PluginSet, set);
            if (Between(path, "/plugins/", "/upgrade") is { } upgrade) return new(EngineRouteKind.PluginUpgrade, upgrade);
            if (path is "/networks/create" or "/swarm/init" or "/swarm/join" or "/swarm/update" or "/secrets/create" or "/configs/create"
                || Between(path, "/networks/", "/connect") is not null
                || Between(path, "/secrets/", "/update") is not null
                || Between(path, "/configs/", "/update") is not null)
                return new(EngineRouteKind.OtherWithBody);
            if (path is "/auth" or "/build" or "/images/create" or "/images/load" or "/plugins/create")
                return new(EngineRouteKind.BodyNeverForwarded);
        }
        else if (method == "PUT" && Between(path, "/containers/", "/archive") is not null)
            return new(EngineRouteKind.BodyNeverForwarded);
        else if (method == "DELETE" && path.StartsWith("/plugins/", StringComparison.Ordinal) && path.Length > "/plugins/".Length)
            return new(EngineRouteKind.PluginRemove, path["/plugins/".Length..]);
        return new(EngineRouteKind.Other);
    }

    /// <summary>The non-empty middle of <c>prefix{name:.*}suffix</c>, or null.</summary>
    private static string? Between(string path, string prefix, string suffix) =>
        path.Length > prefix.Length + suffix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(suffix, StringComparison.Ordinal)
            ? path[prefix.Length..^suffix.Length]
            : null;
}
