using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.AuthzPlugin.Translation;
using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// <c>input: {docker: ...}</c>: an Engine API request, translated by the authorization plugin's own
/// router, Go-semantics body reader and translators, so a case proves what the plugin would decide.
/// Either a whole AuthZReq as dockerd sends it (keys <c>RequestMethod</c>, <c>RequestUri</c>, base64
/// <c>RequestBody</c>; inline or <c>{file: x.authzreq.json}</c>) or a request written out:
/// <c>{method: POST, uri: /v1.43/containers/create?name=web, user: alice, body: {...} | body: {file: create.json}}</c>
/// (method defaults to POST, uri to <c>/containers/create</c>). The daemon defaults the plugin cannot see
/// are fixed to the common ones (cgroup v2: private cgroupns; no userns-remap), so results do not depend
/// on the machine that runs the tests.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DockerInputReader : IInputReader
{
    private static readonly DaemonDefaults NeutralDaemon = new() { CgroupnsMode = NamespaceMode.Private, UsernsRemap = false };
    private static readonly string[] RequestKeys = ["method", "uri", "user", "body"];

    public string Kind => "docker";
    public string Description => "an Engine API request (AuthZReq, or method/uri/body) translated as the Docker plugin does";

    public WorkloadRequest? Read(YamlNode node, YamlSource source, string baseDirectory)
    {
        if (node is YamlMappingNode map && IsWrittenOut(map)) return ReadWrittenOut(map, source, baseDirectory);
        if (NativeDocument.Read(node, source, baseDirectory, Kind) is not { } doc) return null;
        AuthzMessage message;
        try
        {
            message = AuthzMessageReader.Read(doc.Json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            source.Error(doc.At, $"{doc.Origin} is not an AuthZReq: {e.Message}", "write an AuthZReq as dockerd sends it, or {method, uri, body}");
            return null;
        }
        if (message.RequestUri.Length == 0)
        {
            source.Error(doc.At, $"{doc.Origin} has no RequestUri, so it is not an AuthZReq",
                "for a bare create body write {uri: /containers/create, body: {file: " + Path.GetFileName(doc.Origin) + "}}");
            return null;
        }
        return Translate(message, source, doc.At, doc.Origin);
    }

    /// <summary>A map whose keys are all among method/uri/user/body (an AuthZReq uses capitalised names).</summary>
    private static bool IsWrittenOut(YamlMappingNode map) =>
        map.Children.Count > 0 && map.Children.Keys.All(k => k is YamlScalarNode { Value: { } v } && RequestKeys.Contains(v));

    private WorkloadRequest? ReadWrittenOut(YamlMappingNode node, YamlSource source, string baseDirectory)
    {
        var map = source.Map(node, "input.docker")!;
        var method = map.String("method") ?? "POST";
        var uri = map.String("uri") ?? "/containers/create";
        var user = map.String("user");
        byte[]? body = null;
        if (map.Get("body") is { } bodyNode)
        {
            if (NativeDocument.Read(bodyNode, source, baseDirectory, "docker.body") is not { } doc) return null;
            body = doc.Json;
        }
        map.RejectUnknown();
        var message = new AuthzMessage
        {
            User = user,
            RequestMethod = method,
            RequestUri = uri,
            RequestBody = body,
            RequestHeaders = body is null
                ? ImmutableDictionary<string, string>.Empty
                : ImmutableDictionary<string, string>.Empty.Add("Content-Type", "application/json").Add("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)),
        };
        return Translate(message, source, map.Get("uri") ?? node, $"{source.File}:{node.Start.Line}");
    }

    private static WorkloadRequest? Translate(AuthzMessage message, YamlSource source, YamlNode at, string origin)
    {
        try
        {
            if (Translators.For(message, NeutralDaemon) is { } translated) return translated.Request;
            source.Error(at, $"{origin}: the plugin does not evaluate {message.RequestMethod} {RequestTarget.Parse(message.RequestUri).Path} (it allows it without asking the policy)",
                "test a request the plugin translates: containers/create, exec create, container update, services, volumes or plugins");
            return null;
        }
        catch (FormatException e)
        {
            source.Error(at, $"{origin}: {e.Message}", "write the URI as the docker CLI sends it, e.g. /v1.43/containers/create?name=web");
            return null;
        }
        catch (BodyRejectedException e)
        {
            source.Error(at, $"{origin}: the plugin refuses this body before any rule runs: {e.Message}", "send the body as the docker CLI does");
            return null;
        }
    }
}
