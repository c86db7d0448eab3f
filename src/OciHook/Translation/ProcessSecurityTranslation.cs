using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// process.user, linux.seccomp and the LSM labels → the model's process security. The user is the
/// container-side uid:gid as the runtime will set it; without a user namespace uid 0 is host root.
/// An absent AppArmor profile or SELinux label is left unset: hosts without that LSM write none.
/// </summary>
internal static class ProcessSecurityTranslation
{
    public static ProcessSecurity Translate(OciSpec spec)
    {
        var p = spec.Process;
        return new ProcessSecurity
        {
            User = p?.User is { } u ? Field.Of($"{u.Uid}:{u.Gid}", "process.user.uid") : Field.Of("0:0", "process.user"),
            Seccomp = SeccompTranslation.Translate(spec.Linux?.Seccomp),
            AppArmor = AppArmorOf(p?.ApparmorProfile),
            SELinux = SELinuxOf(p?.SelinuxLabel),
        };
    }

    private static AppArmor? AppArmorOf(string? profile) => profile switch
    {
        null or "" => null,
        "unconfined" => new AppArmor(AppArmorKind.Unconfined, "process.apparmorProfile", profile),
        _ => new AppArmor(AppArmorKind.Localhost, "process.apparmorProfile", profile),
    };

    /// <summary>user:role:type:level, the level itself may hold colons (s0:c1,c2).</summary>
    private static SELinux? SELinuxOf(string? label)
    {
        if (string.IsNullOrEmpty(label)) return null;
        var parts = label.Split(':', 4);
        string Part(int i) => parts.Length > i ? parts[i] : "";
        return new SELinux("process.selinuxLabel", User: Part(0), Role: Part(1), Type: Part(2), Level: Part(3));
    }
}
