using System.Collections.Immutable;
using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// <c>POST /containers/create?name=…</c>: Config fields at the top level, HostConfig, NetworkingConfig
/// (reference §8). Env contributes names only: values are secrets until proven otherwise.
/// </summary>
public static class ContainerCreateTranslator
{
    public static TranslatedRequest Translate(EngineRequest request)
    {
        var body = request.Root;
        LegacyHostConfigFields.Reject(body);
        var name = request.Target.Query("name") is { Length: > 0 } n ? n : "";

        var user = body.String("User") is { } u ? Field.Of(u, body.PathOf("User")) : (Field<string>?)null;
        var container = new Container
        {
            Name = name.Length > 0 ? name : "(unnamed)",
            Image = body.String("Image") is { } image ? Field.Of(image, body.PathOf("Image")) : null,
            Security = new ProcessSecurity { User = user },
            EnvNames = EnvNames(body),
        };
        var (sandbox, translated) = HostConfigReader.Read(body.Struct("HostConfig"), container, request, "HostConfig");
        sandbox = WithEndpointNetworks(sandbox, body);

        var workload = new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = Operation.Create,
            Subject = request.Subject,
            Resource = new ResourceRef { Kind = "Container", Name = name.Length > 0 ? name : null, Labels = Labels(body, "Labels") },
            Sandbox = sandbox,
            Containers = [translated],
        };
        var hostMounts = translated.Mounts.Where(m => m.IsHostPath).ToImmutableArray();
        return new TranslatedRequest(workload, new RememberedContainer(translated.Name, user, hostMounts, translated.Limits, translated.RestartPolicy));
    }

    /// <summary>Names of Env entries ("NAME=value" → NAME); the values never leave this method.</summary>
    public static ImmutableArray<string> EnvNames(GoStruct s, string field = "Env") =>
        [.. (s.Strings(field) ?? []).Select(e => e.Value.IndexOf('=') is var eq and >= 0 ? e.Value[..eq] : e.Value)];

    public static ImmutableDictionary<string, string> Labels(GoStruct s, string field)
    {
        var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value, _) in s.StringMap(field)) b[key] = value;
        return b.ToImmutable();
    }

    /// <summary>An endpoint named "host" in NetworkingConfig.EndpointsConfig asks for the host network too.</summary>
    private static Sandbox WithEndpointNetworks(Sandbox sandbox, GoStruct body)
    {
        if (sandbox.Namespaces.Network.IsHost || body.Struct("NetworkingConfig") is not { } networking) return sandbox;
        foreach (var (key, _, path) in networking.Map("EndpointsConfig"))
            if (key == "host")
                return sandbox with { Namespaces = sandbox.Namespaces with { Network = NamespaceSetting.Host(path) } };
        return sandbox;
    }
}
