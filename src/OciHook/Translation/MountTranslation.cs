using System.Collections.Immutable;
using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// mounts[] and linux.rootfsPropagation → model mounts. Propagation comes from the options; engines
/// write the r-prefixed forms (podman :rslave gives "rslave") although the spec lists only plain
/// names, so both are accepted. A shared rootfs propagates mounts made in the container back to the
/// host like an rshared bind mount does, so it becomes a mount of "/" (podman -v …:rshared sets it).
/// </summary>
internal static class MountTranslation
{
    public static ImmutableArray<Mount> Translate(OciSpec spec)
    {
        var mounts = ImmutableArray.CreateBuilder<Mount>();
        var list = spec.Mounts ?? [];
        for (var i = 0; i < list.Count; i++)
            mounts.Add(FromEntry(list[i], $"mounts[{i}]"));
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
