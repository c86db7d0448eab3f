namespace DockerGuard.Policy.Model;

/// <summary>A host device made available to the container (<c>--device</c>, <c>linux.devices</c>).</summary>
public readonly record struct Device(string PathOnHost, string PathInContainer, string Permissions, string Path);
