namespace DockerGuard.Policy.Model;

public enum SeccompKind
{
    /// <summary>The runtime's default profile (Kubernetes RuntimeDefault, Docker's builtin).</summary>
    RuntimeDefault,
    /// <summary>No filtering at all.</summary>
    Unconfined,
    /// <summary>A profile file on the node (Kubernetes Localhost, <c>localhost/…</c>).</summary>
    Localhost,
    /// <summary>A profile given inline (docker <c>--security-opt seccomp=&lt;file&gt;</c>, OCI <c>linux.seccomp</c>).</summary>
    Inline,
}

/// <summary>
/// A seccomp setting as written. <see cref="AllowsEverything"/> is true for an inline profile whose
/// default action allows and that blocks nothing: unconfined by another name.
/// </summary>
public readonly record struct Seccomp(SeccompKind Kind, string Path, string? Profile = null, bool AllowsEverything = false)
{
    public bool IsEffectivelyUnconfined => Kind == SeccompKind.Unconfined || (Kind == SeccompKind.Inline && AllowsEverything);
}
