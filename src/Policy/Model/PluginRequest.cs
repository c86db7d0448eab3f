namespace DockerGuard.Policy.Model;

/// <summary>A change to a runtime extension (docker plugin pull/enable/disable/set/upgrade/remove).</summary>
public sealed record PluginRequest(string Name, string Action, string Path);
