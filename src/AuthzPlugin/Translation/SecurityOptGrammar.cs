using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>What a HostConfig.SecurityOpt list sets, each fact at the entry that set it.</summary>
public sealed record SecurityOptions(Seccomp? Seccomp, AppArmor? AppArmor, SELinux? SELinux, Field<bool>? AllowPrivilegeEscalation, Field<bool>? WritableCgroups);

/// <summary>
/// dockerd's parseSecurityOpt (daemon/daemon_unix.go), case-sensitive: the bare tokens
/// <c>no-new-privileges</c>, <c>writable-cgroups</c> (v29+) and <c>disable</c> (SELinux label
/// disable); otherwise split at the first '=', or, if there is none, at the first ':' (deprecated
/// but still accepted, so <c>seccomp:unconfined</c> is unconfined). For a repeated key the last
/// entry wins, as in the daemon. Unknown keys are a 400 from the daemon: refused here too.
/// </summary>
public static class SecurityOptGrammar
{
    public static SecurityOptions Parse(IReadOnlyList<(string Value, string Path)> opts)
    {
        Seccomp? seccomp = null;
        AppArmor? apparmor = null;
        SELinux? selinux = null;
        Field<bool>? allowEscalation = null, writableCgroups = null;
        foreach (var (opt, path) in opts)
        {
            if (opt == "no-new-privileges") { allowEscalation = Field.Of(false, path); continue; }
            if (opt == "writable-cgroups") { writableCgroups = Field.Of(true, path); continue; }
            if (opt == "disable") { selinux = (selinux ?? new SELinux(path)) with { Disabled = true, Path = path }; continue; }

            var sep = opt.IndexOf('=');
            if (sep < 0) sep = opt.IndexOf(':');
            if (sep < 0) throw new BodyRejectedException($"invalid security option \"{GoJsonParser.Printable(opt)}\" at {path}", path);
            var key = opt[..sep];
            var value = opt[(sep + 1)..];
            switch (key)
            {
                case "seccomp":
                    seccomp = SeccompProfileReader.Read(value, path);
                    break;
                case "apparmor":
                    apparmor = value switch
                    {
                        "unconfined" => new AppArmor(AppArmorKind.Unconfined, path),
                        "" or "docker-default" => new AppArmor(AppArmorKind.RuntimeDefault, path),
                        _ => new AppArmor(AppArmorKind.Localhost, path, value),
                    };
                    break;
                case "label":
                    selinux = Label(selinux ?? new SELinux(path), value, path);
                    break;
                case "no-new-privileges":
                    allowEscalation = Field.Of(!GoParseBool(value, path), path);
                    break;
                case "writable-cgroups":
                    writableCgroups = Field.Of(GoParseBool(value, path), path);
                    break;
                default:
                    throw new BodyRejectedException($"invalid security option \"{GoJsonParser.Printable(opt)}\" at {path}", path);
            }
        }
        return new SecurityOptions(seccomp, apparmor, selinux, allowEscalation, writableCgroups);
    }

    /// <summary>label=disable, label=type:spc_t, label=user:…, role:…, level:… (ParseLabel in moby).</summary>
    private static SELinux Label(SELinux current, string value, string path)
    {
        if (value == "disable") return current with { Disabled = true, Path = path };
        var colon = value.IndexOf(':');
        if (colon < 0) throw new BodyRejectedException($"invalid label option \"{GoJsonParser.Printable(value)}\" at {path}", path);
        var v = value[(colon + 1)..];
        return value[..colon] switch
        {
            "type" => current with { Type = v, Path = path },
            "user" => current with { User = v, Path = path },
            "role" => current with { Role = v, Path = path },
            "level" => current with { Level = v, Path = path },
            "filetype" => current,
            _ => throw new BodyRejectedException($"invalid label option \"{GoJsonParser.Printable(value)}\" at {path}", path),
        };
    }

    /// <summary>Go strconv.ParseBool.</summary>
    public static bool GoParseBool(string value, string path) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw new BodyRejectedException($"invalid boolean \"{GoJsonParser.Printable(value)}\" at {path}", path),
    };
}
