using System.Collections.Immutable;
using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// <c>POST /services/create</c> and <c>/services/{id}/update</c>: the swarm task template
/// (reference §10). ContainerSpec.Privileges carries seccomp, AppArmor, SELinux and
/// no-new-privileges; networks named "host" and ports published in host mode expose the host.
/// </summary>
public static class ServiceTranslator
{
    public static TranslatedRequest Translate(EngineRequest request)
    {
        var body = request.Root;
        var name = body.String("Name") ?? request.Route.Name ?? "";
        var task = body.Struct("TaskTemplate");
        var spec = task?.Struct("ContainerSpec");
        var container = new Container { Name = name.Length > 0 ? name : "(service)", Path = spec?.Path ?? "TaskTemplate.ContainerSpec" };
        var sandbox = new Sandbox { Namespaces = Namespaces.AllPrivate };

        if (spec is { } s)
        {
            var privileges = s.Struct("Privileges");
            container = container with
            {
                Image = s.String("Image") is { } image ? Field.Of(image, s.PathOf("Image")) : null,
                Security = Security(s, privileges),
                AllowPrivilegeEscalation = privileges?.Bool("NoNewPrivileges") is true ? Field.Of(false, privileges.Value.PathOf("NoNewPrivileges")) : null,
                CapAdd = [.. (s.Strings("CapabilityAdd") ?? []).Select(c => Field.Of(CapabilityName.Normalize(c.Value), c.Path))],
                CapDrop = [.. (s.Strings("CapabilityDrop") ?? []).Select(c => Field.Of(CapabilityName.Normalize(c.Value), c.Path))],
                ReadOnlyRootFilesystem = Field.Of(s.Bool("ReadOnly") ?? false, s.PathOf("ReadOnly")),
                Mounts = [.. MountsReader.Read(s, "Mounts")],
                EnvNames = ContainerCreateTranslator.EnvNames(s),
            };
            sandbox = sandbox with { Sysctls = [.. s.StringMap("Sysctls").Select(x => new Sysctl(x.Key, x.Value, x.Path))] };
        }
        if (task is { } t)
        {
            if (t.Struct("Resources")?.Struct("Limits") is { } limits)
                container = container with
                {
                    Limits = new Limits
                    {
                        MemoryBytes = limits.Int("MemoryBytes") is > 0 and var m ? Field.Of(m, limits.PathOf("MemoryBytes")) : null,
                        Pids = limits.Int("Pids") is > 0 and var p ? Field.Of(p, limits.PathOf("Pids")) : null,
                        NanoCpus = limits.Int("NanoCPUs") is > 0 and var c ? Field.Of(c, limits.PathOf("NanoCPUs")) : null,
                    },
                };
            foreach (var (network, path) in t.Array("Networks") ?? [])
                if (new GoStruct(network, path).String("Target") == "host")
                    sandbox = sandbox with { Namespaces = sandbox.Namespaces with { Network = NamespaceSetting.Host(path + ".Target") } };
            if (t.String("Runtime") is { Length: > 0 } runtime)
                container = container with { Runtime = Field.Of(runtime, t.PathOf("Runtime")) };
        }
        if (body.Struct("EndpointSpec") is { } endpoint)
            container = container with { Ports = Ports(endpoint) };

        return new TranslatedRequest(new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = request.Route.Kind == Routing.EngineRouteKind.ServiceCreate ? Operation.Create : Operation.Update,
            Subject = request.Subject,
            Resource = new ResourceRef { Kind = "Service", Name = name.Length > 0 ? name : null, Labels = ContainerCreateTranslator.Labels(body, "Labels") },
            Sandbox = sandbox,
            Containers = [container],
        });
    }

    private static ProcessSecurity Security(GoStruct spec, GoStruct? privileges)
    {
        var security = new ProcessSecurity { User = spec.String("User") is { } u ? Field.Of(u, spec.PathOf("User")) : null };
        if (privileges is not { } p) return security;
        if (p.Struct("Seccomp") is { } seccomp)
            security = security with
            {
                Seccomp = (seccomp.String("Mode") ?? "") switch
                {
                    "unconfined" => new Seccomp(SeccompKind.Unconfined, seccomp.PathOf("Mode")),
                    "custom" => new Seccomp(SeccompKind.Inline, seccomp.PathOf("Profile"), "inline"),
                    _ => new Seccomp(SeccompKind.RuntimeDefault, seccomp.PathOf("Mode")),
                },
            };
        if (p.Struct("AppArmor") is { } apparmor && apparmor.String("Mode") == "disabled")
            security = security with { AppArmor = new AppArmor(AppArmorKind.Unconfined, apparmor.PathOf("Mode")) };
        if (p.Struct("SELinuxContext") is { } se)
            security = security with
            {
                SELinux = new SELinux(se.Path, se.Bool("Disable") ?? false, se.String("Type") ?? "", se.String("User") ?? "", se.String("Role") ?? "", se.String("Level") ?? ""),
            };
        return security;
    }

    private static ImmutableArray<PortBinding> Ports(GoStruct endpoint)
    {
        var ports = ImmutableArray.CreateBuilder<PortBinding>();
        foreach (var (node, path) in endpoint.Array("Ports") ?? [])
        {
            var p = new GoStruct(node, path);
            var published = (int)(p.Int("PublishedPort") ?? 0);
            ports.Add(new PortBinding((int)(p.Int("TargetPort") ?? 0), p.String("Protocol") ?? "tcp", "", published, path));
        }
        return ports.ToImmutable();
    }
}
