namespace DockerGuard.OciHook.Install;

/// <summary>
/// A hooks.d entry, schema 1.0.0 (containers/common pkg/hooks/1.0.0): podman and CRI-O read it from
/// their hooks directories, containerd's NRI hook-injector from /etc/containers/oci/hooks.d, and the
/// Docker wrapper copies its <see cref="Hook"/> into each bundle.
/// </summary>
public sealed record HookDefinition
{
    public const string FileName = "dockerguard.json";
    public const string DefaultDirectory = "/etc/containers/oci/hooks.d";
    public const string DefaultBinaryDirectory = "/usr/libexec/dockerguard";
    public const string HookBinaryName = "dockerguard-oci-hook";
    public const string WrapperBinaryName = "dockerguard-runc";

    public string Version { get; init; } = "1.0.0";
    public required HookEntry Hook { get; init; }
    public HookWhen When { get; init; } = new();
    public List<string> Stages { get; init; } = ["createRuntime"];

    /// <summary>
    /// The entry for the hook binary at <paramref name="hookPath"/>. The environment is always explicit:
    /// without <c>env</c> runc hands the hook its whole environment (oci-hooks.md §7). Timeout 10 s:
    /// the hook needs milliseconds, and a runtime that waits longer holds the engine's container lock.
    /// </summary>
    public static HookDefinition For(string hookPath, IEnumerable<string> settings) => new()
    {
        Hook = new HookEntry
        {
            Path = hookPath,
            Args = [HookBinaryName, "createRuntime"],
            Env = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", .. settings],
            Timeout = 10,
        },
    };
}

/// <summary>One OCI hook: runtime-spec config.md "POSIX-platform Hooks".</summary>
public sealed record HookEntry
{
    public required string Path { get; init; }
    public List<string>? Args { get; init; }
    public List<string>? Env { get; init; }
    public int? Timeout { get; init; }
}

/// <summary>When the hook applies; DockerGuard checks every container, whatever its annotations or command.</summary>
public sealed record HookWhen
{
    public bool Always { get; init; } = true;
}
