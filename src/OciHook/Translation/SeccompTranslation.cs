using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// linux.seccomp → the model's seccomp. No section means no filter at all: engines write nothing for
/// seccomp=unconfined rather than an allow-all stub (oci-hooks.md §3). A profile whose default action
/// allows and whose rules only allow or log blocks nothing: unconfined by another name.
/// </summary>
internal static class SeccompTranslation
{
    private const string FieldPath = "linux.seccomp";

    public static Seccomp Translate(OciSeccomp? seccomp)
    {
        if (seccomp is null) return new Seccomp(SeccompKind.Unconfined, FieldPath);
        var allowsEverything = IsPermissive(seccomp.DefaultAction) && (seccomp.Syscalls ?? []).All(r => IsPermissive(r.Action));
        return new Seccomp(SeccompKind.Inline, FieldPath, AllowsEverything: allowsEverything);
    }

    private static bool IsPermissive(string? action) => action is "SCMP_ACT_ALLOW" or "SCMP_ACT_LOG";
}
