namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// Identifies the exact policy content a decision was made with: SHA-256 over the canonical
/// content, and the Git commit when the policy directory is inside a checkout.
/// </summary>
public sealed record PolicyVersion(string ContentHash, string? GitCommit = null)
{
    public static readonly PolicyVersion BuiltInDefaults = new("builtin-defaults");

    /// <summary>"sha256:0123456789ab" or "sha256:0123456789ab@git:89abcdef".</summary>
    public string Short
    {
        get
        {
            var hash = ContentHash.Length > 19 ? ContentHash[..19] : ContentHash;
            return GitCommit is null ? hash : $"{hash}@git:{GitCommit[..Math.Min(12, GitCommit.Length)]}";
        }
    }

    public override string ToString() => Short;
}
