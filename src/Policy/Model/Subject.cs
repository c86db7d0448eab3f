using System.Collections.Immutable;

namespace DockerGuard.Policy.Model;

/// <summary>Who asked. Docker: the TLS client certificate CN; Kubernetes: userInfo; OCI: nobody known.</summary>
public sealed record Subject
{
    public static readonly Subject Anonymous = new();

    public string? User { get; init; }
    public ImmutableArray<string> Groups { get; init; } = [];
    /// <summary>How the user was authenticated ("TLS", "kubernetes", none).</summary>
    public string? AuthMethod { get; init; }
}
