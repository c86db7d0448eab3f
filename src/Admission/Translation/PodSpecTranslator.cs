using System.Collections.Immutable;
using DockerGuard.Policy.Model;
using k8s.Models;

namespace DockerGuard.Admission.Translation;

/// <summary>A pod spec in model terms: what its containers share, and the containers of every kind.</summary>
public sealed record TranslatedPod(Sandbox Sandbox, ImmutableArray<Container> Containers);

/// <summary>
/// Translates a pod spec (of a Pod or of a controller's template) into the model. Every path is
/// relative to the admitted object via <see cref="PodSpecLocation"/>. Defaults are made explicit
/// where they matter: unset hostNetwork/hostPID/hostIPC are private, unset hostUsers is the host's
/// user namespace (Kubernetes' default), flagged as not explicit.
/// </summary>
public static class PodSpecTranslator
{
    public static TranslatedPod Translate(V1ObjectMeta? metadata, V1PodSpec spec, PodSpecLocation at)
    {
        var s = at.Spec;
        var annotations = metadata?.Annotations;
        var volumes = new PodVolumes(spec.Volumes, s);

        var containers = ImmutableArray.CreateBuilder<Container>();
        if (spec.InitContainers is { } init)
            for (var i = 0; i < init.Count; i++)
                containers.Add(ContainerTranslator.Translate(init[i], ContainerKind.Init, $"{s}.initContainers[{i}]", volumes, annotations, at.Metadata));
        if (spec.Containers is { } regular)
            for (var i = 0; i < regular.Count; i++)
                containers.Add(ContainerTranslator.Translate(regular[i], ContainerKind.Regular, $"{s}.containers[{i}]", volumes, annotations, at.Metadata));
        if (spec.EphemeralContainers is { } ephemeral)
            for (var i = 0; i < ephemeral.Count; i++)
                containers.Add(ContainerTranslator.Translate(ContainerTranslator.AsContainer(ephemeral[i]), ContainerKind.Ephemeral, $"{s}.ephemeralContainers[{i}]", volumes, annotations, at.Metadata));

        var sandbox = new Sandbox
        {
            Namespaces = new Namespaces
            {
                Network = HostIf(spec.HostNetwork, s + ".hostNetwork"),
                Pid = HostIf(spec.HostPID, s + ".hostPID"),
                Ipc = HostIf(spec.HostIPC, s + ".hostIPC"),
                // hostNetwork also gives the host's UTS namespace (containerd CRI drops both), but
                // host-network is the rule for that: Kubernetes has no UTS field to deny separately.
                Uts = NamespaceSetting.Private(s),
                // hostUsers defaults to true: without it, container root is host root (KEP-127).
                User = spec.HostUsers switch
                {
                    false => NamespaceSetting.Private(s + ".hostUsers"),
                    true => NamespaceSetting.Host(s + ".hostUsers"),
                    null => NamespaceSetting.HostByDefault(s + ".hostUsers"),
                },
                Cgroup = NamespaceSetting.Private(s),
            },
            Sysctls = spec.SecurityContext?.Sysctls is { } sysctls
                ? [.. sysctls.Select((x, i) => new Sysctl(x.Name ?? "", x.Value ?? "", $"{s}.securityContext.sysctls[{i}].name"))]
                : [],
            Volumes = volumes.All,
            PodSecurity = SecurityContextTranslator.Pod(spec.SecurityContext, annotations, s, at.Metadata),
            OsName = spec.Os?.Name,
            RuntimeClassName = spec.RuntimeClassName,
        };
        return new TranslatedPod(sandbox, containers.ToImmutable());
    }

    private static NamespaceSetting HostIf(bool? value, string path) =>
        value == true ? NamespaceSetting.Host(path) : NamespaceSetting.Private(path);
}
