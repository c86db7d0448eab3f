using DockerGuard.Policy.Model;

namespace DockerGuard.Admission.Translation;

/// <summary>
/// The annotations that carried seccomp and AppArmor before the fields existed. PSS reads seccomp
/// annotations for policy versions v1.0–v1.18 and AppArmor annotations at every version
/// (pod-security-admission check_seccompProfile.go, check_appArmorProfile.go). A field, when
/// set, wins: the apiserver keeps the two in sync and rejects a mismatch.
/// </summary>
public static class LegacyAnnotations
{
    public const string SeccompPod = "seccomp.security.alpha.kubernetes.io/pod";
    public const string SeccompContainerPrefix = "container.seccomp.security.alpha.kubernetes.io/";
    public const string AppArmorContainerPrefix = "container.apparmor.security.beta.kubernetes.io/";

    /// <summary><c>runtime/default</c>, <c>docker/default</c>, <c>localhost/&lt;p&gt;</c>; anything else PSS forbids, so it maps to Unconfined.</summary>
    public static Seccomp? Seccomp(IDictionary<string, string>? annotations, string key, string metadataPath)
    {
        if (annotations is null || !annotations.TryGetValue(key, out var value)) return null;
        var path = $"{metadataPath}.annotations[{key}]";
        return value switch
        {
            "runtime/default" or "docker/default" => new Seccomp(SeccompKind.RuntimeDefault, path),
            _ when value.StartsWith("localhost/", StringComparison.Ordinal) => new Seccomp(SeccompKind.Localhost, path, value["localhost/".Length..]),
            _ => new Seccomp(SeccompKind.Unconfined, path, value),
        };
    }

    /// <summary><c>runtime/default</c>, <c>localhost/&lt;p&gt;</c> and "" are allowed by PSS; anything else (unconfined, typos) maps to Unconfined.</summary>
    public static AppArmor? AppArmor(IDictionary<string, string>? annotations, string key, string metadataPath)
    {
        if (annotations is null || !annotations.TryGetValue(key, out var value) || value.Length == 0) return null;
        var path = $"{metadataPath}.annotations[{key}]";
        return value switch
        {
            "runtime/default" => new AppArmor(AppArmorKind.RuntimeDefault, path),
            _ when value.StartsWith("localhost/", StringComparison.Ordinal) => new AppArmor(AppArmorKind.Localhost, path, value["localhost/".Length..]),
            _ => new AppArmor(AppArmorKind.Unconfined, path, value),
        };
    }
}
