namespace DockerGuard.OciHook.Host;

/// <summary>
/// The identity of a namespace: device and inode of its nsfs file. Two paths name the same
/// namespace exactly when these are equal (namespaces(7): "the inode number … identifies the namespace").
/// </summary>
public readonly record struct NamespaceId(uint DevMajor, uint DevMinor, ulong Inode)
{
    public override string ToString() => $"{DevMajor}:{DevMinor}:{Inode}";
}
