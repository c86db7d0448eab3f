namespace DockerGuard.Policy.Model;

/// <summary>
/// A fact together with the path of the field it was read from, in the notation of the
/// surface (<c>HostConfig.Privileged</c>, <c>spec.initContainers[1].securityContext.privileged</c>,
/// <c>linux.namespaces</c>), so a denial can point at exactly what the user wrote.
/// </summary>
public readonly record struct Field<T>(T Value, string Path)
{
    public override string ToString() => $"{Path}={Value}";
}

/// <summary>Shorthand constructors so adapters and tests read naturally.</summary>
public static class Field
{
    public static Field<T> Of<T>(T value, string path) => new(value, path);
}
