using System.Collections.Immutable;

namespace DockerGuard.Policy.Model;

/// <summary>
/// A new process in an existing container. Docker exec carries privileged and user; Kubernetes
/// exec carries neither (only who, which container and what command).
/// </summary>
public sealed record ExecRequest
{
    /// <summary>The container being entered (name or id as the client wrote it).</summary>
    public string? Container { get; init; }
    public Field<bool>? Privileged { get; init; }
    /// <summary>The exec user. Docker's empty exec user inherits the container's user: the adapter fills that in, with the path it came from.</summary>
    public Field<string>? User { get; init; }
    /// <summary>
    /// True when the exec asked for no user (Docker <c>User: ""</c>) and <see cref="User"/> is the
    /// container's own user, filled in by the adapter: not an override, though it may still be root.
    /// </summary>
    public bool UserFromContainer { get; init; }
    public ImmutableArray<string> Command { get; init; } = [];
    public bool Tty { get; init; }
    public bool Stdin { get; init; }
}
