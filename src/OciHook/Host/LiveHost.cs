namespace DockerGuard.OciHook.Host;

/// <summary>
/// The real host as the hook sees it: /proc/self/ns/* and /proc/self/status. /proc/1/ns/* is not
/// used: it was unreadable even for root in the reference VM (oci-hooks.md §3).
/// </summary>
public sealed class LiveHost : IHostView
{
    private IReadOnlySet<string>? _bounding;

    public NamespaceId? OwnNamespace(string ociType) =>
        ProcNamespaceName(ociType) is { } name ? FileIdentity.Of($"/proc/self/ns/{name}", out _) : null;

    public NamespaceId? Resolve(string path, out string? error) => FileIdentity.Of(path, out error);

    public IReadOnlySet<string> BoundingSet => _bounding ??= CapabilityNames.FromMask(ReadBoundingMask());

    /// <summary>OCI namespace types as /proc/&lt;pid&gt;/ns names them (namespaces(7)).</summary>
    public static string? ProcNamespaceName(string ociType) => ociType switch
    {
        "network" => "net",
        "mount" => "mnt",
        "pid" or "ipc" or "uts" or "user" or "cgroup" or "time" => ociType,
        _ => null,
    };

    private static ulong ReadBoundingMask()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("CapBnd:", StringComparison.Ordinal))
                    return Convert.ToUInt64(line.AsSpan(7).Trim().ToString(), 16);
        }
        catch (IOException)
        {
            // Without /proc the privileged evidence falls back to CAP_SYS_ADMIN (see PrivilegeEvidence).
        }
        return 0;
    }
}
