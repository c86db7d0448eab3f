using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// HostConfig.Binds entries as moby's linux parser reads them (daemon/volume/mounts/linux_parser.go):
/// <c>src:dst[:mode]</c>, at most three parts; an absolute src is a host bind, anything else a named
/// volume; mode is a comma list of rw/ro, z/Z, a propagation and nocopy.
/// </summary>
public static class BindGrammar
{
    public static Mount Parse(string raw, string path)
    {
        var parts = raw.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new BodyRejectedException($"invalid bind \"{GoJsonParser.Printable(raw)}\" at {path} (expected src:dst[:mode])", path);
        var mode = parts.Length == 3 ? parts[2] : "";
        var readOnly = false;
        string? propagationAsWritten = null;
        foreach (var m in mode.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (m)
            {
                case "ro": readOnly = true; break;
                case "rw" or "z" or "Z" or "nocopy": break;
                case "shared" or "rshared" or "slave" or "rslave" or "private" or "rprivate":
                    if (propagationAsWritten is not null)
                        throw new BodyRejectedException($"bind at {path} names two propagation modes", path);
                    propagationAsWritten = m;
                    break;
                default:
                    throw new BodyRejectedException($"invalid bind mode \"{GoJsonParser.Printable(m)}\" at {path}", path);
            }
        }
        var src = parts[0];
        var isBind = src.StartsWith('/');
        return new Mount
        {
            Kind = isBind ? MountKind.Bind : MountKind.Volume,
            Source = isBind ? HostPath.Resolve(src) : src,
            Target = parts[1],
            Path = path,
            ReadOnly = readOnly,
            Propagation = PropagationOf(propagationAsWritten),
            PropagationAsWritten = propagationAsWritten,
        };
    }

    public static Propagation PropagationOf(string? written) => written switch
    {
        "shared" or "rshared" => Propagation.Bidirectional,
        "slave" or "rslave" => Propagation.HostToContainer,
        _ => Propagation.Private,
    };
}
