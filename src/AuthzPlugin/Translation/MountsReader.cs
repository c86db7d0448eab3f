using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// HostConfig.Mounts (and swarm ContainerSpec.Mounts, same type): bind mounts with their
/// propagation, and volume mounts whose local-driver options make them host binds by another name
/// (<c>o=bind</c>, or a <c>device</c> that is a host path).
/// </summary>
public static class MountsReader
{
    public static IEnumerable<Mount> Read(GoStruct parent, string field)
    {
        foreach (var (node, path) in parent.Array(field) ?? [])
        {
            var m = new GoStruct(node, path);
            var type = m.String("Type") ?? "";
            var source = m.String("Source") ?? "";
            var target = m.String("Target") ?? "";
            var readOnly = m.Bool("ReadOnly") ?? false;
            switch (type)
            {
                case "bind":
                    var propagation = m.Struct("BindOptions")?.String("Propagation");
                    yield return new Mount
                    {
                        Kind = MountKind.Bind,
                        Source = HostPath.Resolve(source),
                        Target = target,
                        Path = path,
                        ReadOnly = readOnly,
                        Propagation = BindGrammar.PropagationOf(propagation),
                        PropagationAsWritten = string.IsNullOrEmpty(propagation) ? null : propagation,
                    };
                    break;
                case "volume":
                    var driver = m.Struct("VolumeOptions")?.Struct("DriverConfig");
                    var hostSource = driver is { } d ? LocalDriverBindSource(d.String("Name"), d.StringMap("Options")) : null;
                    yield return new Mount
                    {
                        Kind = hostSource is null ? MountKind.Volume : MountKind.Bind,
                        Source = hostSource?.Source ?? source,
                        Target = target,
                        Path = hostSource?.Path ?? path,
                        ReadOnly = readOnly,
                    };
                    break;
                case "tmpfs":
                    yield return new Mount { Kind = MountKind.Tmpfs, Source = "", Target = target, Path = path, ReadOnly = readOnly };
                    break;
                default:
                    yield return new Mount { Kind = MountKind.Other, Source = source, Target = target, Path = path, ReadOnly = readOnly };
                    break;
            }
        }
    }

    /// <summary>
    /// The host path a local-driver volume mounts: <c>o</c> containing <c>bind</c> (or <c>rbind</c>) binds
    /// <c>device</c>; an absolute <c>device</c> with any type mounts a host device or path.
    /// </summary>
    public static (string Source, string Path)? LocalDriverBindSource(string? driver, IReadOnlyList<(string Key, string Value, string Path)> options)
    {
        if (driver is not (null or "" or "local")) return null;
        string? device = null, devicePath = null;
        var bind = false;
        foreach (var (key, value, path) in options)
        {
            if (key == "device") { device = value; devicePath = path; }
            else if (key == "o" && value.Split(',').Any(o => o is "bind" or "rbind")) bind = true;
        }
        if (device is null || devicePath is null) return null;
        if (bind || device.StartsWith('/')) return (HostPath.Resolve(device), devicePath);
        return null;
    }
}
