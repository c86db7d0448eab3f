namespace DockerGuard.Policy.Model;

/// <summary>A kernel parameter set for the sandbox.</summary>
public readonly record struct Sysctl(string Name, string Value, string Path);
