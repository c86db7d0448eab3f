using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>One Engine API request as the translators see it: routed, body decoded the Go way.</summary>
public sealed record EngineRequest(
    string Method,
    RequestTarget Target,
    EngineRoute Route,
    JsonNode? Body,
    Subject Subject,
    DaemonDefaults Daemon,
    ContainerMemory Memory)
{
    /// <summary>The body as a Go struct at the root; a route that needs one and has none is refused before this.</summary>
    public GoStruct Root => Body is { } b ? new GoStruct(b, "") : throw new BodyRejectedException("request body missing");
}

/// <summary>A translated request, plus what to remember about a container if the daemon creates it.</summary>
public sealed record TranslatedRequest(WorkloadRequest Request, RememberedContainer? Remember = null);
