using System.Collections.Immutable;
using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// HostConfig → sandbox and container facts (reference §8). Shared by container create, the legacy
/// start-with-HostConfig body and nothing else, so both read the same fields the same way.
/// </summary>
public static class HostConfigReader
{
    /// <summary>Docker's default /proc masks (oci/defaults.go); a MaskedPaths list without them unmasks /proc.</summary>
    private static readonly string[] DefaultMasks = ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware"];

    public static (Sandbox Sandbox, Container Container) Read(GoStruct? hostConfig, Container container, EngineRequest request, string hostConfigPath)
    {
        var hc = hostConfig ?? new GoStruct(JsonNode.Object([]), hostConfigPath);
        var sandbox = new Sandbox
        {
            Namespaces = ReadNamespaces(hc, request),
            Sysctls = [.. hc.StringMap("Sysctls").Select(s => new Sysctl(s.Key, s.Value, s.Path))],
        };

        var security = SecurityOptGrammar.Parse(hc.Strings("SecurityOpt") ?? []);
        var mounts = ImmutableArray.CreateBuilder<Mount>();
        foreach (var (bind, path) in hc.Strings("Binds") ?? []) mounts.Add(BindGrammar.Parse(bind, path));
        mounts.AddRange(MountsReader.Read(hc, "Mounts"));
        foreach (var (from, path) in hc.Strings("VolumesFrom") ?? []) mounts.AddRange(Inherited(from, path, request.Memory));
        foreach (var (target, _, path) in hc.StringMap("Tmpfs"))
            mounts.Add(new Mount { Kind = MountKind.Tmpfs, Source = "", Target = target, Path = path });

        var result = container with
        {
            Privileged = Field.Of(hc.Bool("Privileged") ?? false, hc.PathOf("Privileged")),
            Security = container.Security with { Seccomp = security.Seccomp, AppArmor = security.AppArmor, SELinux = security.SELinux },
            AllowPrivilegeEscalation = security.AllowPrivilegeEscalation,
            WritableCgroups = security.WritableCgroups,
            CapAdd = Capabilities(hc, "CapAdd"),
            CapDrop = Capabilities(hc, "CapDrop"),
            ReadOnlyRootFilesystem = Field.Of(hc.Bool("ReadonlyRootfs") ?? false, hc.PathOf("ReadonlyRootfs")),
            ProcMount = ProcMount(hc),
            Mounts = mounts.ToImmutable(),
            Devices = [.. (hc.Array("Devices") ?? []).Select(d => Device(new GoStruct(d.Value, d.Path)))],
            DeviceCgroupRules = [.. (hc.Strings("DeviceCgroupRules") ?? []).Select(r => Field.Of(r.Value, r.Path))],
            DeviceRequests = [.. (hc.Array("DeviceRequests") ?? []).Select(d => DeviceRequest(new GoStruct(d.Value, d.Path)))],
            Ports = Ports(hc),
            PublishAllPorts = hc.Bool("PublishAllPorts") is { } all ? Field.Of(all, hc.PathOf("PublishAllPorts")) : null,
            Limits = LimitsReader.Read(hc),
            RestartPolicy = Restart(hc),
            CgroupParent = NonEmpty(hc, "CgroupParent"),
            Runtime = NonEmpty(hc, "Runtime"),
        };
        return (sandbox, result);
    }

    private static Namespaces ReadNamespaces(GoStruct hc, EngineRequest request)
    {
        var cgroupns = hc.String("CgroupnsMode") ?? "";
        // API < 1.41 ignores CgroupnsMode: the daemon default applies whatever the body says.
        if (request.Target.Version is { } v && (v.Major, v.Minor).CompareTo((1, 41)) < 0) cgroupns = "";
        var cgroupPath = hc.PathOf("CgroupnsMode");
        var cgroup = cgroupns switch
        {
            "host" => NamespaceSetting.Host(cgroupPath),
            "private" => NamespaceSetting.Private(cgroupPath),
            _ => request.Daemon.CgroupnsMode == NamespaceMode.Host ? NamespaceSetting.HostByDefault(cgroupPath) : NamespaceSetting.Private(cgroupPath),
        };
        if (cgroup.Mode != NamespaceMode.Host && Shared(hc.String("Cgroup"), hc.PathOf("Cgroup")) is { } sharedCgroup) cgroup = sharedCgroup;

        var usernsPath = hc.PathOf("UsernsMode");
        var userns = hc.String("UsernsMode") ?? "";
        return new Namespaces
        {
            Network = Mode(hc, "NetworkMode"),
            Pid = Mode(hc, "PidMode"),
            Ipc = Mode(hc, "IpcMode"),
            Uts = Mode(hc, "UTSMode"),
            User = userns == "host" ? NamespaceSetting.Host(usernsPath)
                : userns.Length == 0 && !request.Daemon.UsernsRemap ? NamespaceSetting.HostByDefault(usernsPath)
                : NamespaceSetting.Private(usernsPath),
            Cgroup = cgroup,
        };
    }

    /// <summary><c>host</c>, <c>container:&lt;name|id&gt;</c>, or a namespace of its own (empty, default, bridge, none, private, shareable, a network name).</summary>
    private static NamespaceSetting Mode(GoStruct hc, string field)
    {
        var value = hc.String(field) ?? "";
        var path = hc.PathOf(field);
        if (value == "host") return NamespaceSetting.Host(path);
        return Shared(value, path) ?? NamespaceSetting.Private(path);
    }

    private static NamespaceSetting? Shared(string? value, string path) =>
        value is not null && value.StartsWith("container:", StringComparison.Ordinal)
            ? NamespaceSetting.Container(path, value["container:".Length..])
            : null;

    private static ImmutableArray<Field<string>> Capabilities(GoStruct hc, string field) =>
        [.. (hc.Strings(field) ?? []).Select(c => Field.Of(CapabilityName.Normalize(c.Value), c.Path))];

    /// <summary>Present and empty (the CLI's <c>systempaths=unconfined</c>) or a list without Docker's defaults unmasks /proc.</summary>
    private static Field<string>? ProcMount(GoStruct hc)
    {
        if (hc.Strings("MaskedPaths") is { } masked && !DefaultMasks.All(d => masked.Any(m => m.Value == d)))
            return Field.Of("Unmasked", hc.PathOf("MaskedPaths"));
        if (hc.Strings("ReadonlyPaths") is { Count: 0 })
            return Field.Of("Unmasked", hc.PathOf("ReadonlyPaths"));
        return null;
    }

    private static Device Device(GoStruct d) =>
        new(d.String("PathOnHost") ?? "", d.String("PathInContainer") ?? "", d.String("CgroupPermissions") ?? "", d.Path);

    private static Field<string> DeviceRequest(GoStruct d)
    {
        var caps = (d.Array("Capabilities") ?? [])
            .SelectMany(set => (new GoStruct(JsonNode.Object([new("c", set.Value)]), set.Path).Strings("c") ?? []).Select(c => c.Value));
        return Field.Of($"{d.String("Driver") ?? ""}:{string.Join(',', caps)}", d.Path);
    }

    /// <summary>PortBindings is map["80/tcp"][]{HostIp, HostPort}; HostPort may be a range "8000-8010" (first port counts).</summary>
    private static ImmutableArray<PortBinding> Ports(GoStruct hc)
    {
        var ports = ImmutableArray.CreateBuilder<PortBinding>();
        foreach (var (key, value, path) in hc.Map("PortBindings"))
        {
            var slash = key.IndexOf('/');
            var proto = slash < 0 ? "tcp" : key[(slash + 1)..];
            _ = int.TryParse(slash < 0 ? key : key[..slash], out var containerPort);
            if (value.Kind == JsonKind.Null) continue;
            var bindings = new GoStruct(JsonNode.Object([new("b", value)]), path).Array("b") ?? [];
            for (var i = 0; i < bindings.Count; i++)
            {
                var b = new GoStruct(bindings[i].Value, $"{path}[{i}]");
                var hostPort = b.String("HostPort") ?? "";
                var dash = hostPort.IndexOf('-');
                _ = int.TryParse(dash < 0 ? hostPort : hostPort[..dash], out var port);
                ports.Add(new PortBinding(containerPort, proto, b.String("HostIp") ?? "", port, b.Path));
            }
        }
        return ports.ToImmutable();
    }

    private static RestartPolicy? Restart(GoStruct hc) =>
        hc.Struct("RestartPolicy") is { } r && (r.String("Name") ?? "") is { Length: > 0 } name
            ? new RestartPolicy(name, (int)Math.Clamp(r.Int("MaximumRetryCount") ?? 0, int.MinValue, int.MaxValue), r.Path)
            : null;

    private static Field<string>? NonEmpty(GoStruct s, string field) =>
        s.String(field) is { Length: > 0 } v ? Field.Of(v, s.PathOf(field)) : null;

    /// <summary>
    /// VolumesFrom (<c>ctr[:ro|rw]</c>) inherits the source container's mounts. DockerGuard resolves the
    /// source from the containers it saw created; one it does not know cannot be judged and is refused.
    /// </summary>
    private static IEnumerable<Mount> Inherited(string spec, string path, ContainerMemory memory)
    {
        var colon = spec.LastIndexOf(':');
        var name = colon > 0 && spec[(colon + 1)..] is "ro" or "rw" ? spec[..colon] : spec;
        var source = memory.Find(name) ?? throw new BodyRejectedException(
            $"{path} inherits the mounts of container \"{GoJsonParser.Printable(name)}\", which DockerGuard has not seen created, so its mounts cannot be checked; mount what is needed directly", path);
        return source.HostMounts.Select(m => m with { Path = $"{path} (from {m.Path} of {source.Name})" });
    }
}
