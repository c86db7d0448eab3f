namespace DockerGuard.OciHook.Spec;

/// <summary>
/// The field tables of the OCI state and config.json (runtime-spec runtime.md, config.md, config-linux.md)
/// for <see cref="OciJsonReader"/>: one reader per type, keys in Go's folded form. Each reads onto the value
/// a repeated key already produced, as Go does.
/// </summary>
internal static class OciDocuments
{
    public static OciState State(ref OciJsonReader r, OciState? into)
    {
        var v = into ?? new OciState();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "ociversion" => v with { OciVersion = r.String(v.OciVersion) },
                "id" => v with { Id = r.String(v.Id) },
                "status" => v with { Status = r.String(v.Status) },
                "pid" => v with { Pid = Int32(r.Int64(v.Pid)) },
                "bundle" => v with { Bundle = r.String(v.Bundle) },
                "annotations" => v with { Annotations = r.Map(v.Annotations) },
                _ => r.Skip(v),
            };
        return v;
    }

    public static OciSpec Spec(ref OciJsonReader r, OciSpec? into)
    {
        var v = into ?? new OciSpec();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "ociversion" => v with { OciVersion = r.String(v.OciVersion) },
                "process" => v with { Process = r.Object(v.Process, Process) },
                "root" => v with { Root = r.Object(v.Root, Root) },
                "mounts" => v with { Mounts = r.List<OciMount>(Mount) },
                "annotations" => v with { Annotations = r.Map(v.Annotations) },
                "linux" => v with { Linux = r.Object(v.Linux, Linux) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciProcess Process(ref OciJsonReader r, OciProcess? into)
    {
        var v = into ?? new OciProcess();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "user" => v with { User = r.Object(v.User, User) },
                "args" => v with { Args = r.Strings() },
                "env" => v with { Env = r.Strings() },
                "capabilities" => v with { Capabilities = r.Object(v.Capabilities, Capabilities) },
                "nonewprivileges" => v with { NoNewPrivileges = r.Bool(v.NoNewPrivileges) },
                "apparmorprofile" => v with { ApparmorProfile = r.String(v.ApparmorProfile) },
                "selinuxlabel" => v with { SelinuxLabel = r.String(v.SelinuxLabel) },
                _ => r.Skip(v),
            };
        return v;
    }

    /// <summary>runtime-spec's User is a struct, not a pointer: null leaves it as it was.</summary>
    private static OciUser User(ref OciJsonReader r, OciUser? into)
    {
        var v = into ?? new OciUser();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "uid" => v with { Uid = r.Int64(v.Uid)!.Value },
                "gid" => v with { Gid = r.Int64(v.Gid)!.Value },
                "username" => v with { Username = r.String(v.Username) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciCapabilities Capabilities(ref OciJsonReader r, OciCapabilities? into)
    {
        var v = into ?? new OciCapabilities();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "bounding" => v with { Bounding = r.Strings() },
                "effective" => v with { Effective = r.Strings() },
                "inheritable" => v with { Inheritable = r.Strings() },
                "permitted" => v with { Permitted = r.Strings() },
                "ambient" => v with { Ambient = r.Strings() },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciRoot Root(ref OciJsonReader r, OciRoot? into)
    {
        var v = into ?? new OciRoot();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "path" => v with { Path = r.String(v.Path) },
                "readonly" => v with { Readonly = r.Bool(v.Readonly) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciMount Mount(ref OciJsonReader r, OciMount? into)
    {
        var v = into ?? new OciMount();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "destination" => v with { Destination = r.String(v.Destination) },
                "type" => v with { Type = r.String(v.Type) },
                "source" => v with { Source = r.String(v.Source) },
                "options" => v with { Options = r.Strings() },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciLinux Linux(ref OciJsonReader r, OciLinux? into)
    {
        var v = into ?? new OciLinux();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "namespaces" => v with { Namespaces = r.List<OciNamespace>(Namespace) },
                "uidmappings" => v with { UidMappings = r.List<OciIdMapping>(IdMapping) },
                "gidmappings" => v with { GidMappings = r.List<OciIdMapping>(IdMapping) },
                "devices" => v with { Devices = r.List<OciDevice>(Device) },
                "resources" => v with { Resources = r.Object(v.Resources, Resources) },
                "sysctl" => v with { Sysctl = r.Map(v.Sysctl) },
                "seccomp" => v with { Seccomp = r.Object(v.Seccomp, Seccomp) },
                "maskedpaths" => v with { MaskedPaths = r.Strings() },
                "readonlypaths" => v with { ReadonlyPaths = r.Strings() },
                "rootfspropagation" => v with { RootfsPropagation = r.String(v.RootfsPropagation) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciNamespace Namespace(ref OciJsonReader r, OciNamespace? into)
    {
        var v = into ?? new OciNamespace();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "type" => v with { Type = r.String(v.Type) },
                "path" => v with { Path = r.String(v.Path) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciIdMapping IdMapping(ref OciJsonReader r, OciIdMapping? into)
    {
        var v = into ?? new OciIdMapping();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "containerid" => v with { ContainerId = r.Int64(v.ContainerId)!.Value },
                "hostid" => v with { HostId = r.Int64(v.HostId)!.Value },
                "size" => v with { Size = r.Int64(v.Size)!.Value },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciDevice Device(ref OciJsonReader r, OciDevice? into)
    {
        var v = into ?? new OciDevice();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "path" => v with { Path = r.String(v.Path) },
                "type" => v with { Type = r.String(v.Type) },
                "major" => v with { Major = r.Int64(v.Major) },
                "minor" => v with { Minor = r.Int64(v.Minor) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciResources Resources(ref OciJsonReader r, OciResources? into)
    {
        var v = into ?? new OciResources();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "devices" => v with { Devices = r.List<OciDeviceRule>(DeviceRule) },
                "memory" => v with { Memory = r.Object(v.Memory, Memory) },
                "pids" => v with { Pids = r.Object(v.Pids, Pids) },
                "cpu" => v with { Cpu = r.Object(v.Cpu, Cpu) },
                _ => r.Skip(v),
            };
        return v;
    }

    /// <summary>A device cgroup rule's major and minor are pointers in runtime-spec: null means "any".</summary>
    private static OciDeviceRule DeviceRule(ref OciJsonReader r, OciDeviceRule? into)
    {
        var v = into ?? new OciDeviceRule();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "allow" => v with { Allow = r.Bool(v.Allow)!.Value },
                "type" => v with { Type = r.String(v.Type) },
                "major" => v with { Major = r.Int64(v.Major, nullable: true) },
                "minor" => v with { Minor = r.Int64(v.Minor, nullable: true) },
                "access" => v with { Access = r.String(v.Access) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciMemory Memory(ref OciJsonReader r, OciMemory? into)
    {
        var v = into ?? new OciMemory();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "limit" => v with { Limit = r.Int64(v.Limit, nullable: true) },
                "swap" => v with { Swap = r.Int64(v.Swap, nullable: true) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciPids Pids(ref OciJsonReader r, OciPids? into)
    {
        var v = into ?? new OciPids();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "limit" => v with { Limit = r.Int64(v.Limit, nullable: true) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciCpu Cpu(ref OciJsonReader r, OciCpu? into)
    {
        var v = into ?? new OciCpu();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "shares" => v with { Shares = r.UInt64(v.Shares, nullable: true) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciSeccomp Seccomp(ref OciJsonReader r, OciSeccomp? into)
    {
        var v = into ?? new OciSeccomp();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "defaultaction" => v with { DefaultAction = r.String(v.DefaultAction) },
                "syscalls" => v with { Syscalls = r.List<OciSyscallRule>(SyscallRule) },
                _ => r.Skip(v),
            };
        return v;
    }

    private static OciSyscallRule SyscallRule(ref OciJsonReader r, OciSyscallRule? into)
    {
        var v = into ?? new OciSyscallRule();
        while (r.NextProperty(out var key))
            v = key switch
            {
                "names" => v with { Names = r.Strings() },
                "action" => v with { Action = r.String(v.Action) },
                _ => r.Skip(v),
            };
        return v;
    }

    /// <summary>The state's pid is a Go int; a value beyond int is not a process.</summary>
    private static int? Int32(long? value) => value is null ? null
        : value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new System.Text.Json.JsonException($"pid {value} is out of range", "$.pid", null, null);
}
