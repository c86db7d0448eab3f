using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.AuthzPlugin.Translation;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Tests.Support;

/// <summary>Runs one AuthZReq through routing, the Go-semantics body reader and its endpoint's translator.</summary>
public static class FixtureTranslation
{
    public static readonly DaemonDefaults PrivateCgroupns = new() { CgroupnsMode = NamespaceMode.Private };

    public static TranslatedRequest? Translate(AuthzMessage message, DaemonDefaults? daemon = null, ContainerMemory? memory = null) =>
        Translators.For(message, daemon ?? PrivateCgroupns, memory, Subject.Anonymous);

    public static TranslatedRequest Translate(string fixture, DaemonDefaults? daemon = null, ContainerMemory? memory = null) =>
        Translate(Fixtures.Message(fixture), daemon, memory) ?? throw new InvalidOperationException($"{fixture} has no translator");

    /// <summary>A create body sent raw, as an API client other than the CLI might.</summary>
    public static WorkloadRequest Create(string body, string uri = "/v1.41/containers/create", DaemonDefaults? daemon = null) =>
        Translate(Deciders.Request("POST", uri, body), daemon)!.Request;
}
