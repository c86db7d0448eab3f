namespace DockerGuard.Policy.Model;

/// <summary>One namespace's mode, what it is shared with, and the field that decided it.</summary>
public readonly record struct NamespaceSetting(NamespaceMode Mode, string Path, string? SharedWith = null)
{
    public static NamespaceSetting Private(string path) => new(NamespaceMode.Private, path);
    public static NamespaceSetting Host(string path) => new(NamespaceMode.Host, path);
    public static NamespaceSetting Container(string path, string target) => new(NamespaceMode.Container, path, target);

    public bool IsHost => Mode == NamespaceMode.Host;
}
