using DockerGuard.OciHook.Host;

namespace DockerGuard.OciHook.Tests.Support;

/// <summary>
/// The host the fixtures were captured on, as far as the translator asks about it: its bounding set
/// lacked CAP_SYS_RESOURCE (Fixtures/README.md), and /var/run/docker/netns/default was Docker's bind
/// mount of the host netns. Those paths do not exist here, so this stands in for the capture host;
/// the real statx comparison is tested against this machine's namespaces in LiveHostTests.
/// </summary>
public sealed class CapturedHost : IHostView
{
    private static readonly NamespaceId HostNet = new(0, 4, 4026531840);

    public NamespaceId? OwnNamespace(string ociType) => ociType == "network" ? HostNet : new NamespaceId(0, 4, 4026531000 + (ulong)ociType.Length);

    public NamespaceId? Resolve(string path, out string? error)
    {
        error = null;
        if (path == "/var/run/docker/netns/default") return HostNet;
        if (path.StartsWith("/proc/4242/ns/", StringComparison.Ordinal)) return new NamespaceId(0, 4, 4026532999);
        error = "No such file or directory";
        return null;
    }

    public IReadOnlySet<string> BoundingSet { get; } = CapabilityNames.FromMask((1UL << 41) - 1 & ~(1UL << 24));
}
