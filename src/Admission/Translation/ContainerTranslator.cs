using System.Collections.Immutable;
using DockerGuard.Policy.Model;
using k8s.Models;

namespace DockerGuard.Admission.Translation;

/// <summary>
/// One Kubernetes container (init, regular or ephemeral) as a <see cref="Container"/>. Capability
/// names stay verbatim: PSS compares exact strings, so "CAP_CHOWN" and "chown" are not CHOWN.
/// Environment variable names only; values and valueFrom never enter the model.
/// </summary>
public static class ContainerTranslator
{
    public static Container Translate(V1Container c, ContainerKind kind, string path, PodVolumes volumes, IDictionary<string, string>? annotations, string metadataPath)
    {
        var sc = c.SecurityContext;
        var at = path + ".securityContext";
        return new Container
        {
            Name = c.Name ?? "",
            Kind = kind,
            Path = path,
            Image = c.Image is null ? null : Field.Of(c.Image, path + ".image"),
            Privileged = SecurityContextTranslator.Of(sc?.Privileged, at + ".privileged"),
            AllowPrivilegeEscalation = SecurityContextTranslator.Of(sc?.AllowPrivilegeEscalation, at + ".allowPrivilegeEscalation"),
            ReadOnlyRootFilesystem = SecurityContextTranslator.Of(sc?.ReadOnlyRootFilesystem, at + ".readOnlyRootFilesystem"),
            ProcMount = sc?.ProcMount is { } pm ? Field.Of(pm, at + ".procMount") : null,
            CapAdd = Names(sc?.Capabilities?.Add, at + ".capabilities.add"),
            CapDrop = Names(sc?.Capabilities?.Drop, at + ".capabilities.drop"),
            Security = SecurityContextTranslator.Container(c.Name ?? "", sc, annotations, path, metadataPath),
            Mounts = Mounts(c.VolumeMounts, volumes, path),
            Ports = Ports(c.Ports, path),
            Limits = Limits(c.Resources, path),
            ProbeHosts = ProbeHosts(c, path),
            EnvNames = c.Env is null ? [] : [.. c.Env.Select(e => e.Name)],
        };
    }

    /// <summary>An ephemeral container has the container fields that matter here under the same names.</summary>
    public static V1Container AsContainer(V1EphemeralContainer e) => new()
    {
        Name = e.Name,
        Image = e.Image,
        SecurityContext = e.SecurityContext,
        VolumeMounts = e.VolumeMounts,
        Ports = e.Ports,
        Resources = e.Resources,
        Env = e.Env,
        LivenessProbe = e.LivenessProbe,
        ReadinessProbe = e.ReadinessProbe,
        StartupProbe = e.StartupProbe,
        Lifecycle = e.Lifecycle,
    };

    private static ImmutableArray<Field<string>> Names(IList<string>? names, string at) =>
        names is null ? [] : [.. names.Select((n, i) => Field.Of(n, $"{at}[{i}]"))];

    private static ImmutableArray<Mount> Mounts(IList<V1VolumeMount>? mounts, PodVolumes volumes, string path)
    {
        if (mounts is null || mounts.Count == 0) return [];
        var b = ImmutableArray.CreateBuilder<Mount>(mounts.Count);
        for (var i = 0; i < mounts.Count; i++)
        {
            var m = mounts[i];
            var volume = volumes.Find(m.Name);
            var (kind, source) = volume?.Type switch
            {
                "hostPath" => (MountKind.HostPath, volume.Value.HostPath ?? ""),
                "emptyDir" when volumes.IsMemoryBacked(m.Name) => (MountKind.Tmpfs, m.Name),
                "emptyDir" or "persistentVolumeClaim" or "ephemeral" => (MountKind.Volume, m.Name),
                _ => (MountKind.Other, m.Name),
            };
            b.Add(new Mount
            {
                Kind = kind,
                Source = source,
                Target = m.MountPath ?? "",
                Path = $"{path}.volumeMounts[{i}]",
                ReadOnly = m.ReadOnlyProperty ?? false,
                Propagation = m.MountPropagation switch
                {
                    "Bidirectional" => Propagation.Bidirectional,
                    "HostToContainer" => Propagation.HostToContainer,
                    _ => Propagation.Private,
                },
                PropagationAsWritten = m.MountPropagation,
            });
        }
        return b.MoveToImmutable();
    }

    private static ImmutableArray<PortBinding> Ports(IList<V1ContainerPort>? ports, string path)
    {
        if (ports is null || ports.Count == 0) return [];
        return [.. ports.Select((p, i) => new PortBinding(p.ContainerPort, p.Protocol ?? "TCP", p.HostIP ?? "", p.HostPort ?? 0, $"{path}.ports[{i}].hostPort"))];
    }

    private static Limits Limits(V1ResourceRequirements? resources, string path)
    {
        var limits = resources?.Limits;
        if (limits is null || limits.Count == 0) return Policy.Model.Limits.None;
        Field<long>? memory = null, cpu = null;
        if (limits.TryGetValue("memory", out var m) && Quantity.TryParseWhole(m?.ToString(), out var bytes) && bytes > 0)
            memory = Field.Of(bytes, path + ".resources.limits.memory");
        if (limits.TryGetValue("cpu", out var c) && Quantity.TryParseNano(c?.ToString(), out var nanos) && nanos > 0)
            cpu = Field.Of(nanos, path + ".resources.limits.cpu");
        return new Limits { MemoryBytes = memory, NanoCpus = cpu };
    }

    /// <summary>PSS hostProbesAndHostLifecycle: httpGet.host and tcpSocket.host of probes and lifecycle hooks.</summary>
    private static ImmutableArray<Field<string>> ProbeHosts(V1Container c, string path)
    {
        ImmutableArray<Field<string>>.Builder? b = null;
        void Add(string? host, string at)
        {
            if (!string.IsNullOrEmpty(host)) (b ??= ImmutableArray.CreateBuilder<Field<string>>()).Add(Field.Of(host, at));
        }
        void Probe(V1Probe? p, string name)
        {
            Add(p?.HttpGet?.Host, $"{path}.{name}.httpGet.host");
            Add(p?.TcpSocket?.Host, $"{path}.{name}.tcpSocket.host");
        }
        void Hook(V1LifecycleHandler? h, string name)
        {
            Add(h?.HttpGet?.Host, $"{path}.lifecycle.{name}.httpGet.host");
            Add(h?.TcpSocket?.Host, $"{path}.lifecycle.{name}.tcpSocket.host");
        }
        Probe(c.LivenessProbe, "livenessProbe");
        Probe(c.ReadinessProbe, "readinessProbe");
        Probe(c.StartupProbe, "startupProbe");
        Hook(c.Lifecycle?.PostStart, "postStart");
        Hook(c.Lifecycle?.PreStop, "preStop");
        return b is null ? [] : b.ToImmutable();
    }
}
