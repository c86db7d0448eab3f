using DockerGuard.Policy.Model;
using k8s.Models;

namespace DockerGuard.Admission.Translation;

/// <summary>
/// Pod- and container-level securityContext fields that Kubernetes allows at both levels, as
/// <see cref="ProcessSecurity"/>. Each level is kept on its own: rules apply precedence.
/// </summary>
public static class SecurityContextTranslator
{
    public static ProcessSecurity Pod(V1PodSecurityContext? sc, IDictionary<string, string>? annotations, string specPath, string metadataPath)
    {
        var at = specPath + ".securityContext";
        var seccomp = Seccomp(sc?.SeccompProfile, at) ?? LegacyAnnotations.Seccomp(annotations, LegacyAnnotations.SeccompPod, metadataPath);
        if (sc is null && seccomp is null) return ProcessSecurity.Unset;
        return new ProcessSecurity
        {
            RunAsUser = Of(sc?.RunAsUser, at + ".runAsUser"),
            RunAsGroup = Of(sc?.RunAsGroup, at + ".runAsGroup"),
            RunAsNonRoot = Of(sc?.RunAsNonRoot, at + ".runAsNonRoot"),
            Seccomp = seccomp,
            AppArmor = AppArmor(sc?.AppArmorProfile, at),
            SELinux = SELinux(sc?.SeLinuxOptions, at),
            WindowsHostProcess = Of(sc?.WindowsOptions?.HostProcess, at + ".windowsOptions.hostProcess"),
        };
    }

    public static ProcessSecurity Container(string name, V1SecurityContext? sc, IDictionary<string, string>? annotations, string containerPath, string metadataPath)
    {
        var at = containerPath + ".securityContext";
        var seccomp = Seccomp(sc?.SeccompProfile, at) ?? LegacyAnnotations.Seccomp(annotations, LegacyAnnotations.SeccompContainerPrefix + name, metadataPath);
        var appArmor = AppArmor(sc?.AppArmorProfile, at) ?? LegacyAnnotations.AppArmor(annotations, LegacyAnnotations.AppArmorContainerPrefix + name, metadataPath);
        if (sc is null && seccomp is null && appArmor is null) return ProcessSecurity.Unset;
        return new ProcessSecurity
        {
            RunAsUser = Of(sc?.RunAsUser, at + ".runAsUser"),
            RunAsGroup = Of(sc?.RunAsGroup, at + ".runAsGroup"),
            RunAsNonRoot = Of(sc?.RunAsNonRoot, at + ".runAsNonRoot"),
            Seccomp = seccomp,
            AppArmor = appArmor,
            SELinux = SELinux(sc?.SeLinuxOptions, at),
            WindowsHostProcess = Of(sc?.WindowsOptions?.HostProcess, at + ".windowsOptions.hostProcess"),
        };
    }

    private static Seccomp? Seccomp(V1SeccompProfile? p, string at)
    {
        if (p is null) return null;
        var path = at + ".seccompProfile.type";
        return p.Type switch
        {
            "RuntimeDefault" => new Seccomp(SeccompKind.RuntimeDefault, path),
            "Localhost" => new Seccomp(SeccompKind.Localhost, path, p.LocalhostProfile),
            // "Unconfined", and anything core validation would have refused, is unconfined.
            _ => new Seccomp(SeccompKind.Unconfined, path, p.Type),
        };
    }

    private static AppArmor? AppArmor(V1AppArmorProfile? p, string at)
    {
        if (p is null) return null;
        var path = at + ".appArmorProfile.type";
        return p.Type switch
        {
            "RuntimeDefault" => new AppArmor(AppArmorKind.RuntimeDefault, path),
            "Localhost" => new AppArmor(AppArmorKind.Localhost, path, p.LocalhostProfile),
            _ => new AppArmor(AppArmorKind.Unconfined, path, p.Type),
        };
    }

    private static SELinux? SELinux(V1SELinuxOptions? o, string at) => o is null
        ? null
        : new SELinux(at + ".seLinuxOptions", Type: o.Type ?? "", User: o.User ?? "", Role: o.Role ?? "", Level: o.Level ?? "");

    internal static Field<T>? Of<T>(T? value, string path) where T : struct => value is { } v ? Field.Of(v, path) : null;
}
