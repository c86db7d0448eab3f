namespace DockerGuard.Policy.Model;

public enum AppArmorKind
{
    RuntimeDefault,
    Unconfined,
    Localhost,
}

/// <summary>An AppArmor setting as written (<c>apparmor=…</c>, <c>appArmorProfile</c>, the beta annotation).</summary>
public readonly record struct AppArmor(AppArmorKind Kind, string Path, string? Profile = null);
