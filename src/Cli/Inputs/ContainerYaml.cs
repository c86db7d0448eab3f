using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.Inputs;

/// <summary>One item of <c>containers</c> in a model input: every field of <see cref="Container"/>.</summary>
internal static class ContainerYaml
{
    public static Container? Read(YamlMap m)
    {
        var name = m.String("name", required: true);
        var container = new Container
        {
            Name = name ?? "",
            Kind = m.EnumOf<ContainerKind>("kind") ?? ContainerKind.Regular,
            Path = m.What,
            Image = m.StringField("image"),
            Privileged = m.BoolField("privileged"),
            Security = m.Map("security") is { } s ? SecurityYaml.Read(s) : ProcessSecurity.Unset,
            AllowPrivilegeEscalation = m.BoolField("allowPrivilegeEscalation"),
            CapAdd = m.StringFields("capAdd"),
            CapDrop = m.StringFields("capDrop"),
            ReadOnlyRootFilesystem = m.BoolField("readOnlyRootFilesystem"),
            ProcMount = m.StringField("procMount"),
            WritableCgroups = m.BoolField("writableCgroups"),
            Mounts = m.Items("mounts", Mount),
            Devices = m.ValueItems("devices", Device),
            DeviceCgroupRules = m.StringFields("deviceCgroupRules"),
            DeviceRequests = m.StringFields("deviceRequests"),
            Ports = m.ValueItems("ports", Port),
            PublishAllPorts = m.BoolField("publishAllPorts"),
            Limits = m.Map("limits") is { } l ? Limits(l) : Policy.Model.Limits.None,
            RestartPolicy = m.Map("restartPolicy") is { } r ? Restart(r) : null,
            CgroupParent = m.StringField("cgroupParent"),
            Runtime = m.StringField("runtime"),
            ProbeHosts = m.StringFields("probeHosts"),
            EnvNames = m.StringList("env"),
        };
        return name is null ? null : container;
    }

    private static Mount? Mount(YamlMap m)
    {
        var kind = m.EnumOf<MountKind>("kind", required: true);
        var source = m.String("source") ?? "";
        var target = m.String("target", required: true);
        var written = m.String("propagation");
        Propagation? propagation = written switch
        {
            null or "private" or "rprivate" or "None" => Propagation.Private,
            "slave" or "rslave" or "HostToContainer" or "host-to-container" => Propagation.HostToContainer,
            "shared" or "rshared" or "Bidirectional" or "bidirectional" => Propagation.Bidirectional,
            _ => null,
        };
        if (propagation is null)
            m.Source.Error(m.Get("propagation"), $"{m.PathOf("propagation")} '{written}' is not a propagation mode",
                "write private/rprivate/None, slave/rslave/HostToContainer or shared/rshared/Bidirectional");
        if (kind is null || target is null || propagation is null) return null;
        return new Mount
        {
            Kind = kind.Value,
            Source = source,
            Target = target,
            Path = m.What,
            ReadOnly = m.Bool("readOnly") ?? false,
            Propagation = propagation.Value,
            PropagationAsWritten = written,
        };
    }

    private static Device? Device(YamlMap m)
    {
        var host = m.String("host", required: true);
        return host is null ? null : new Device(host, m.String("container") ?? host, m.String("permissions") ?? "rwm", m.What);
    }

    private static PortBinding? Port(YamlMap m)
    {
        var containerPort = m.Int("containerPort");
        var hostPort = m.Int("hostPort") ?? 0;
        return new PortBinding((int)(containerPort ?? 0), m.String("protocol") ?? "tcp", m.String("hostIp") ?? "", (int)hostPort, m.What);
    }

    private static Limits Limits(YamlMap m)
    {
        var l = new Limits
        {
            MemoryBytes = m.IntField("memory"),
            MemorySwapBytes = m.IntField("memorySwap"),
            Pids = m.IntField("pids"),
            CpuShares = m.IntField("cpuShares"),
            NanoCpus = m.IntField("nanoCpus"),
        };
        m.RejectUnknown();
        return l;
    }

    private static RestartPolicy? Restart(YamlMap m)
    {
        var name = m.String("name", required: true);
        var retries = m.Int("maximumRetryCount") ?? 0;
        m.RejectUnknown();
        return name is null ? null : new RestartPolicy(name, (int)retries, m.What);
    }
}
