using DockerGuard.AuthzPlugin.Protocol;

namespace DockerGuard.AuthzPlugin.Decisions;

/// <summary>HTTP status and body of one answer to dockerd.</summary>
public readonly record struct AuthzAnswer(int StatusCode, AuthzReply Reply)
{
    public static AuthzAnswer Ok(AuthzReply reply) => new(200, reply);
}
