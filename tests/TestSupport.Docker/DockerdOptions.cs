namespace DockerGuard.TestSupport.Docker;

/// <summary>What differs between the throwaway dockerds the tests and benchmarks start.</summary>
public sealed record DockerdOptions
{
    /// <summary><c>--authorization-plugin=NAME</c>; its socket must be listening before the daemon starts (dockerd refuses to start without it).</summary>
    public string? AuthorizationPlugin { get; init; }

    /// <summary>daemon.json <c>runtimes</c>: name to executable path.</summary>
    public IReadOnlyDictionary<string, string> Runtimes { get; init; } = new Dictionary<string, string>();

    /// <summary>daemon.json <c>default-runtime</c>.</summary>
    public string? DefaultRuntime { get; init; }

    /// <summary>Extra environment for dockerd, which it passes on to containerd, the shims and the runtime.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
