namespace DockerGuard.Policy.Model;

/// <summary>Docker restart policy (<c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure</c>).</summary>
public readonly record struct RestartPolicy(string Name, int MaximumRetryCount, string Path);
