namespace DockerGuard.OciHook.Install;

/// <summary>What <c>dockerguard hook install</c> puts where. Defaults are the system locations of oci-hooks.md §4–5.</summary>
public sealed record HookInstallation
{
    /// <summary>Where hooks.d entries go: /etc (admin; podman, the NRI hook-injector and the Docker wrapper read it)
    /// and /usr/share (CRI-O's default hooks_dir).</summary>
    public static readonly IReadOnlyList<string> DefaultHooksDirectories = [HookDefinition.DefaultDirectory, "/usr/share/containers/oci/hooks.d"];

    /// <summary>The directory holding the published dockerguard-oci-hook (and dockerguard-runc for Docker).</summary>
    public required string SourceDirectory { get; init; }
    public string BinaryDirectory { get; init; } = HookDefinition.DefaultBinaryDirectory;
    public IReadOnlyList<string> HooksDirectories { get; init; } = DefaultHooksDirectories;
    /// <summary>NAME=value settings for the hook's explicit environment (DOCKERGUARD_ON_ERROR, DOCKERGUARD_AUDIT).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
    /// <summary>Also install the runc wrapper Docker runs as its default runtime.</summary>
    public bool Docker { get; init; }

    public string HookPath => Path.Combine(BinaryDirectory, HookDefinition.HookBinaryName);
    public string WrapperPath => Path.Combine(BinaryDirectory, HookDefinition.WrapperBinaryName);
}
