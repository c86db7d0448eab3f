using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules.Support;

/// <summary>
/// Where a setting the user left out would have been written. A missing setting carries no path of
/// its own, yet a "not set" finding must still point at a field the user can go and fill in; the
/// names are kept here, in one place, in each surface's own notation.
/// </summary>
public static class UnsetSettingPath
{
    public static string ReadOnlyRoot(WorkloadRequest r, Container c) =>
        For(r, c, "HostConfig.ReadonlyRootfs", ".securityContext.readOnlyRootFilesystem", "root.readonly");

    public static string CapDrop(WorkloadRequest r, Container c) =>
        For(r, c, "HostConfig.CapDrop", ".securityContext.capabilities.drop", "process.capabilities");

    public static string Memory(WorkloadRequest r, Container c) =>
        For(r, c, "HostConfig.Memory", ".resources.limits.memory", "linux.resources.memory.limit");

    public static string Pids(WorkloadRequest r, Container c) =>
        For(r, c, "HostConfig.PidsLimit", "", "linux.resources.pids.limit");

    public static string CpuShares(WorkloadRequest r, Container c) =>
        For(r, c, "HostConfig.CpuShares", ".resources.requests.cpu", "linux.resources.cpu.shares");

    private static string For(WorkloadRequest r, Container c, string docker, string kubernetesSuffix, string oci) => r.Surface switch
    {
        Surface.Docker => docker,
        Surface.Kubernetes => c.Path + kubernetesSuffix,
        _ => oci,
    };
}
