namespace DockerGuard.Policy.Model;

/// <summary>A change to a runtime extension (docker plugin pull/enable/disable/set/upgrade/remove).</summary>
public sealed record PluginRequest(string Name, string Action, string Path)
{
    /// <summary>The reference being installed (docker plugin pull/upgrade <c>remote</c>); <see cref="Name"/> is the local alias.</summary>
    public string? Remote { get; init; }
}
