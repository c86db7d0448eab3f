using System.Collections.Immutable;
using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// mounts[] and linux.rootfsPropagation → model mounts. Propagation comes from the options; engines
/// write the r-prefixed forms (podman :rslave gives "rslave") although the spec lists only plain
/// names, so both are accepted. A shared rootfs propagates mounts made in the container back to the
/// host like an rshared bind mount does, so it becomes a mount of "/" (podman -v …:rshared sets it).
/// The engine's own per-container files (resolv.conf, hostname, hosts, .containerenv, shm) are left
/// out: see <see cref="IsEngineFile"/>.
/// </summary>
internal static class MountTranslation
{
    public static ImmutableArray<Mount> Translate(OciSpec spec, string containerId)
    {
        var mounts = ImmutableArray.CreateBuilder<Mount>();
        var list = spec.Mounts ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var mount = FromEntry(list[i], $"mounts[{i}]");
            if (!IsEngineFile(mount, containerId)) mounts.Add(mount);
        }
        if (spec.Linux?.RootfsPropagation is "shared" or "rshared")
        {
            mounts.Add(new Mount
            {
                Kind = MountKind.Other,
                Source = spec.Root?.Path ?? "",
                Target = "/",
                Path = "linux.rootfsPropagation",
                ReadOnly = spec.Root?.Readonly ?? false,
                Propagation = Propagation.Bidirectional,
                PropagationAsWritten = spec.Linux.RootfsPropagation,
            });
        }
        return mounts.ToImmutable();
    }

    /// <summary>
    /// Docker binds /var/lib/docker/containers/&lt;id&gt;/{resolv.conf,hostname,hosts} and podman
    /// …/overlay-containers/&lt;id&gt;/userdata/… into every container; flagging them as host mounts of
    /// /var/lib would deny every container. A source below a directory named after this container's
    /// full id can only be the engine's: the id is generated at create time, so no one could have
    /// asked for it beforehand. Ids shorter than 32 characters (hand-run runc) never qualify, and a
    /// bind that propagates is never excused.
    /// </summary>
    private static bool IsEngineFile(Mount mount, string containerId) =>
        containerId.Length >= 32
        && mount.Kind == MountKind.Bind
        && mount.Propagation == Propagation.Private
        && mount.Source.Contains($"/{containerId}/", StringComparison.Ordinal)
        && !mount.Source.Contains("/../", StringComparison.Ordinal);

    private static Mount FromEntry(OciMount m, string path)
    {
        var options = m.Options ?? [];
        var (propagation, written) = PropagationOf(options);
        return new Mount
        {
            Kind = KindOf(m, options),
            Source = m.Source ?? "",
            Target = m.Destination ?? "",
            Path = path,
            ReadOnly = options.Contains("ro"),
            Propagation = propagation,
            PropagationAsWritten = written,
        };
    }

    /// <summary>A bind is a bind whatever the type says: runc binds when the options hold bind/rbind.</summary>
    private static MountKind KindOf(OciMount m, List<string> options)
    {
        if (m.Type == "bind" || options.Contains("bind") || options.Contains("rbind")) return MountKind.Bind;
        return m.Type == "tmpfs" ? MountKind.Tmpfs : MountKind.Other;
    }

    private static (Propagation, string?) PropagationOf(List<string> options)
    {
        foreach (var o in options)
        {
            switch (o)
            {
                case "shared" or "rshared": return (Propagation.Bidirectional, o);
                case "slave" or "rslave": return (Propagation.HostToContainer, o);
                case "private" or "rprivate" or "unbindable" or "runbindable": return (Propagation.Private, o);
            }
        }
        return (Propagation.Private, null);
    }
}
