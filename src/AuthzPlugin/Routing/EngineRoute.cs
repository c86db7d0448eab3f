namespace DockerGuard.AuthzPlugin.Routing;

/// <summary>The Engine API endpoints DockerGuard reads; everything else is <see cref="Other"/>.</summary>
public enum EngineRouteKind
{
    Other,
    Ping,
    ContainerCreate,
    ContainerStart,
    ContainerUpdate,
    ExecCreate,
    ServiceCreate,
    ServiceUpdate,
    VolumeCreate,
    PluginPull,
    PluginEnable,
    PluginDisable,
    PluginSet,
    PluginUpgrade,
    PluginRemove,
    /// <summary>Other routes whose JSON body the daemon acts on (networks, swarm, secrets, configs).</summary>
    OtherWithBody,
    /// <summary>
    /// Routes whose body dockerd never forwards (login credentials on /auth; tar streams on build,
    /// image import and load, archive upload, plugin create): judged by route only, so a body
    /// announced by Content-Length is expected there.
    /// </summary>
    BodyNeverForwarded,
}

/// <summary>One classified request: the route and the name in its path (container, service or plugin).</summary>
public readonly record struct EngineRoute(EngineRouteKind Kind, string? Name = null)
{
    /// <summary>
    /// Routes that only make sense with a JSON body. When one arrives without RequestBody the body was
    /// withheld from the plugin (CVE-2024-41110 chunked bodies, CVE-2026-34040 bodies ≥ 1 MiB, a
    /// Content-Type other than application/json) while the daemon may still act on it: deny (§5).
    /// </summary>
    public bool CarriesBody => Kind is EngineRouteKind.ContainerCreate or EngineRouteKind.ContainerUpdate
        or EngineRouteKind.ExecCreate or EngineRouteKind.ServiceCreate or EngineRouteKind.ServiceUpdate
        or EngineRouteKind.VolumeCreate or EngineRouteKind.PluginSet or EngineRouteKind.OtherWithBody;
}
