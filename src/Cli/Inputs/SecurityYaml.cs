using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// <c>security</c> (per container) and <c>podSecurity</c> (sandbox): identity and LSM settings.
/// Seccomp and AppArmor take a kind alone (<c>seccomp: unconfined</c>) or a mapping with the profile.
/// </summary>
internal static class SecurityYaml
{
    public static ProcessSecurity Read(YamlMap m)
    {
        var s = new ProcessSecurity
        {
            User = m.StringField("user"),
            RunAsUser = m.IntField("runAsUser"),
            RunAsGroup = m.IntField("runAsGroup"),
            RunAsNonRoot = m.BoolField("runAsNonRoot"),
            Seccomp = Seccomp(m),
            AppArmor = AppArmor(m),
            SELinux = m.Map("seLinux") is { } se ? SELinux(se) : null,
            WindowsHostProcess = m.BoolField("windowsHostProcess"),
        };
        m.RejectUnknown();
        return s;
    }

    private static Seccomp? Seccomp(YamlMap m) => Profiled<SeccompKind, Seccomp>(m, "seccomp",
        (kind, path, map) => new Seccomp(kind, path, map?.String("profile"), map?.Bool("allowsEverything") ?? false));

    private static AppArmor? AppArmor(YamlMap m) => Profiled<AppArmorKind, AppArmor>(m, "appArmor",
        (kind, path, map) => new AppArmor(kind, path, map?.String("profile")));

    /// <summary>A kind alone (<c>unconfined</c>) or a mapping <c>{kind, profile, …}</c>; <paramref name="make"/> reads the extra keys from the mapping.</summary>
    private static T? Profiled<TKind, T>(YamlMap m, string key, Func<TKind, string, YamlMap?, T> make)
        where TKind : struct, Enum where T : struct
    {
        var path = m.PathOf(key);
        if (m.Get(key) is not { } node) return null;
        if (node is YamlScalarNode)
            return ModelFields.EnumAt<TKind>(m.Source, node, path) is { } k ? make(k, path, null) : null;
        if (m.Source.Map(node, path) is not { } map) return null;
        var kind = ModelFields.EnumAt<TKind>(map.Source, map.Required("kind"), path + ".kind");
        var result = kind is null ? (T?)null : make(kind.Value, path, map);
        map.RejectUnknown();
        return result;
    }

    private static SELinux SELinux(YamlMap m)
    {
        var s = new SELinux(m.What, m.Bool("disabled") ?? false, m.String("type") ?? "", m.String("user") ?? "", m.String("role") ?? "", m.String("level") ?? "");
        m.RejectUnknown();
        return s;
    }
}
